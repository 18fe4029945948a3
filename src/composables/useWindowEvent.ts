// A window event listener tied to the component (or effect scope) that adds it. The first screen
// uses only this much of VueUse's useEventListener, whose bundle share is ~2 KB gzip; lazy screens
// keep VueUse.
import { getCurrentScope, onScopeDispose } from 'vue'

export function useWindowEvent<K extends keyof WindowEventMap>(type: K, listener: (event: WindowEventMap[K]) => void): () => void {
  window.addEventListener(type, listener)
  const stop = () => window.removeEventListener(type, listener)
  if (getCurrentScope()) onScopeDispose(stop)
  return stop
}
