// Service-worker registration through workbox-window, after the router is ready. A new version
// waits until the learner asks for it: the prompt applies it, and only then does the page reload.
import { ref } from 'vue'

/** True when a new version is installed and waiting for the learner's go-ahead. */
export const updateWaiting = ref(false)
let applyUpdate: (() => void) | null = null

export async function registerServiceWorker(): Promise<void> {
  if (!('serviceWorker' in navigator) || !import.meta.env.PROD) return
  const { Workbox } = await import('workbox-window')
  const wb = new Workbox(`${import.meta.env.BASE_URL}sw.js`, { scope: import.meta.env.BASE_URL })
  wb.addEventListener('waiting', () => {
    updateWaiting.value = true
  })
  applyUpdate = () => {
    wb.addEventListener('controlling', () => window.location.reload())
    wb.messageSkipWaiting()
  }
  await wb.register()
}

export function applyWaitingUpdate(): void {
  updateWaiting.value = false
  applyUpdate?.()
}
