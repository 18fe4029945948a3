import { createApp } from 'vue'
import { createPinia } from 'pinia'
import App from './App.vue'
import { afterFirstScreen, holdUntilFirstScreen, nextTask } from './app/first-screen'
import { createAppRouter } from './app/router'
import { i18n, loadMessages } from './i18n'
import { registerServiceWorker } from './pwa/register'
import { useAppStore } from './stores/app'
import './styles.css'

// The start in short tasks (no top-level await: it would split the first bundle in many files),
// what waits on the network or the database first: the core messages' fetch, the database's
// opening, then the router (which reads home's data), then the mount.
async function start() {
  document.documentElement.dataset.build = __APP_BUILD__
  const firstScreenShown = holdUntilFirstScreen()
  const coreMessages = loadMessages(['core'])
  await nextTask()
  const app = createApp(App).use(createPinia())
  const appStore = useAppStore()
  void appStore.start()
  await nextTask()
  const router = createAppRouter()
  app.use(router).use(i18n)
  await Promise.all([router.isReady(), coreMessages])
  await nextTask()
  app.mount('#app')
  firstScreenShown()
  // The service worker's precache download would compete with the first screen (and, on a first
  // visit, with the deck writes): it registers once those are done and the page is idle.
  await afterFirstScreen()
  await appStore.start().catch(() => undefined)
  await registerServiceWorker()
}

void start()
