// What the benchmark measures in the page, from outside the app: added to every page of the bench's
// browser context (addInitScript) before the app's own scripts, so the production build carries
// no measuring code of its own for the answer and the first card.
//
// Marks and measures (performance timeline):
// - first-card-interactive: the first card is in the DOM, and a frame later, in a task after it;
// - answer-render: from a grade key press to the next card in the DOM;
// - answer-latency: to the end of the frame that paints it (a user-blocking task posted from that
//   frame runs right after it, ahead of ordinary tasks queued meanwhile);
// - answer-latency-task: to the first ordinary task after that frame (the measure of earlier runs,
//   which also counts the IndexedDB callbacks that come first);
// - answer-frames-late: from the first frame after the key press to the frame that paints the card
//   (0 when that is the same frame).
// And the browser's own Event Timing of every key press (key time stamp to the next frame
// presented, rounded to 8 ms; only events of 16 ms or more are reported), in window.__keys and
// window.__timings.

export interface KeyRecords {
  __keys: Array<{ key: string; at: number }>
  __timings: Array<{ at: number; duration: number }>
}

export function pageMarks(): void {
  const w = window as unknown as KeyRecords
  w.__keys = []
  w.__timings = []
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) if (e.name === 'keydown') w.__timings.push({ at: e.startTime, duration: e.duration })
  }).observe({ type: 'event', durationThreshold: 16, buffered: true } as PerformanceObserverInit)

  const scheduler = (globalThis as unknown as { scheduler: { postTask(cb: () => void, o: { priority: string }): void } }).scheduler
  const cardId = () => document.querySelector('article.card')?.getAttribute('data-card-id') ?? null
  let answer: { start: number; from: string | null; firstFrame: number } | null = null
  let firstCard = false

  // Capture on window: before the app's own key handler.
  window.addEventListener(
    'keydown',
    (e) => {
      w.__keys.push({ key: e.key, at: e.timeStamp })
      if (!/^[1-4]$/.test(e.key) || !document.querySelector('[data-grade]')) return
      const pending = { start: performance.now(), from: cardId(), firstFrame: NaN }
      answer = pending
      requestAnimationFrame((frame) => (pending.firstFrame = frame))
    },
    { capture: true },
  )

  new MutationObserver(() => {
    const id = cardId()
    if (!id) return
    if (!firstCard) {
      firstCard = true
      requestAnimationFrame(() => setTimeout(() => performance.mark('first-card-interactive')))
    }
    const pending = answer
    if (!pending || id === pending.from) return
    answer = null
    const { start } = pending
    performance.measure('answer-render', { start })
    requestAnimationFrame((frame) => {
      performance.measure('answer-frames-late', { start: pending.firstFrame, end: frame })
      scheduler.postTask(() => performance.measure('answer-latency', { start }), { priority: 'user-blocking' })
      setTimeout(() => performance.measure('answer-latency-task', { start }))
    })
  }).observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-card-id'] })
}
