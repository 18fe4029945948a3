// Whether this device syncs, readable synchronously inside any write (localStorage: every tab sees
// the same answer, and a change in one tab reaches the others by the storage event). Also the hook
// by which a local change asks for a sync soon.
const FLAG = 'pm-cards:sync'

function stored(): boolean {
  try {
    return typeof localStorage !== 'undefined' && localStorage.getItem(FLAG) === '1'
  } catch {
    return false
  }
}

// Read on first use, not when the first bundle is evaluated: a page's first localStorage read
// waits for the browser to load the site's storage (a task of the start, not the bundle's).
let on: boolean | undefined
const switched = new Set<(on: boolean) => void>()
if (typeof addEventListener === 'function')
  addEventListener('storage', (event) => {
    if (event.key !== FLAG) return
    on = stored()
    for (const fn of switched) fn(on)
  })

export function syncIsOn(): boolean {
  return (on ??= stored())
}

export function setSyncOn(value: boolean) {
  on = value
  try {
    if (value) localStorage.setItem(FLAG, '1')
    else localStorage.removeItem(FLAG)
  } catch {
    // No storage (tests, a private window that refuses it): this tab alone follows the value.
  }
  for (const fn of switched) fn(value)
}

/**
 * Called with the new value whenever sync is turned on or off, in this tab or another (the app
 * bar's indicator appears as soon as a space is created or joined). Returns the unsubscribe.
 */
export function onSyncSwitched(fn: (on: boolean) => void): () => void {
  switched.add(fn)
  return () => switched.delete(fn)
}

let listener: (() => void) | undefined

/** The sync engine listens here for local changes (one listener: the engine). */
export function onLocalChange(fn: (() => void) | undefined) {
  listener = fn
}

export function localChangeMade() {
  listener?.()
}
