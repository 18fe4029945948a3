// What can wait for the first screen: main.ts holds a gate until the app has drawn it, and work that
// home does not need to be shown (the first visit's deck writes, the service worker and its
// precache download) starts once that screen is drawn and the page is idle. Without a gate
// (unit tests), such work waits for an idle moment only.
let gate: Promise<void> = Promise.resolve()

/**
 * Called before the app mounts; the returned function opens the gate once the first screen is in
 * the page (App emits `screenShown` a task after the mount, main.ts passes this function to it).
 */
export function holdUntilFirstScreen(): () => void {
  let open = () => undefined as void
  gate = new Promise<void>((resolve) => (open = resolve))
  return () => open()
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
