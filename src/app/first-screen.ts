// What can wait for the first screen: main.ts holds a gate until the app has drawn it, and work that
// home does not need to be shown (the first visit's deck writes, the service worker and its
// precache download) starts once that screen is drawn and the page is idle. Without a gate
// (unit tests), such work waits for an idle moment only.
let gate: Promise<void> = Promise.resolve()
let openGate = () => undefined as void
/** Whether App has said its screen is in the page. */
let shown = true
/** Screens still drawing their parts (home draws one a frame), for the gate now held. */
let drawing = new Set<object>()

const openIfDrawn = () => {
  if (shown && drawing.size === 0) openGate()
}

/**
 * Called before the app mounts; the returned function opens the gate once the first screen is in
 * the page (App emits `screenShown` a task after the mount, main.ts passes this function to it),
 * or, when that screen draws in parts, once its last part is (see `drawingFirstScreen`).
 */
export function holdUntilFirstScreen(): () => void {
  shown = false
  drawing = new Set()
  gate = new Promise<void>((resolve) => (openGate = resolve))
  return () => {
    shown = true
    openIfDrawn()
  }
}

/**
 * For a screen that draws in parts after it is shown: the gate stays closed until the returned
 * function is called (its last part in the page; once is enough, more calls do nothing). Home's
 * largest text (what Lighthouse takes as its largest contentful paint) is in a later part: work
 * that starts before it, a download above all, is counted in that paint on a slow link (on
 * Lighthouse's simulated 4G the deck texts' 30 kB moved it from 1.7 s to 2.1 s). Taken in the
 * screen's setup, before App says it is shown; taken once the gate is open, it changes nothing.
 */
export function drawingFirstScreen(): () => void {
  const screen = {}
  const held = drawing
  held.add(screen)
  return () => {
    held.delete(screen)
    if (held === drawing) openIfDrawn()
  }
}

/**
 * The rest of this work in a task of its own: the browser may paint and handle input in between,
 * and no task of the first screen grows long (Lighthouse counts every task over 50 ms at 4x CPU).
 */
export function nextTask(): Promise<void> {
  const scheduler = (globalThis as { scheduler?: { yield?: () => Promise<void> } }).scheduler
  return scheduler?.yield ? scheduler.yield() : new Promise((resolve) => setTimeout(resolve))
}

/** A moment when the page has nothing else to do (at most `timeoutMs` from now). */
export function idle(timeoutMs = 1000): Promise<void> {
  return new Promise((resolve) => {
    if ('requestIdleCallback' in window) requestIdleCallback(() => resolve(), { timeout: timeoutMs })
    else setTimeout(resolve, 50)
  })
}

/** Resolves once the first screen is drawn and the page is idle. */
export async function afterFirstScreen(): Promise<void> {
  await gate
  // The mount's frame first: the gate opens when the DOM is built, before it is painted.
  await new Promise<void>((resolve) => requestAnimationFrame(() => setTimeout(resolve)))
  await idle()
}
