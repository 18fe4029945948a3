// Work that can wait until the screen has changed: a frame is painted first, then it runs.
//
// The answer path uses it so that the next card reaches the screen before the work it does not
// need yet (the read-ahead, the grade previews, moving focus): at 4x CPU each of these costs
// milliseconds that would otherwise sit between the key press and the paint. Never for a write: a
// page closed within that frame would lose it (the answer's transaction starts at once).

/** Longest wait: a hidden page paints no frame. */
const MAX_WAIT_MS = 100

/** Waiters for the next frame: one frame callback and one timer serve them all. */
let batch: Array<() => void> | null = null

/** Resolves once the next frame is painted, or after MAX_WAIT_MS, whichever comes first. */
export function afterPaint(): Promise<void> {
  return new Promise((resolve) => {
    if (batch) {
      batch.push(resolve)
      return
    }
    const waiters = [resolve]
    batch = waiters
    let done = false
    const go = () => {
      if (done) return
      done = true
      clearTimeout(timer)
      if (batch === waiters) batch = null
      for (const w of waiters) w()
    }
    const timer = setTimeout(go, MAX_WAIT_MS)
    if (typeof requestAnimationFrame !== 'function') return
    requestAnimationFrame(() => {
      // What is changed from now on is painted in a later frame: it waits for that one.
      if (batch === waiters) batch = null
      // A callback of the next frame runs before its paint; a task queued from it runs after. One
      // task more lets what the frame itself queued (an input, the bench's paint mark) go first.
      setTimeout(() => setTimeout(go, 0), 0)
    })
  })
}
