import { createApp } from 'vue'
import { createPinia } from 'pinia'
import App from './App.vue'
import { afterFirstScreen, holdUntilFirstScreen, nextTask } from './app/first-screen'
import { createAppRouter } from './app/router'
import { appI18n, loadMessages } from './i18n'
import { registerServiceWorker } from './pwa/register'
import { useAppStore } from './stores/app'
import './styles.css'

// The start in short tasks (no top-level await: it would split the first bundle in many files),
// what waits on the network or the database first: the core messages' fetch, the database's
// opening, then the router (which reads home's data), then the mount.
async function start() {
  document.documentElement.dataset.build = __APP_BUILD__
  const firstScreenShown = holdUntilFirstScreen()
  await nextTask()
  // On a first visit the server's Link header has them downloading already (server/http).
  const coreMessages = loadMessages(['core'])
  await nextTask()
  // App emits screenShown once the screen under the app bar is drawn (a task after the mount).
  const app = createApp(App, { onScreenShown: firstScreenShown }).use(createPinia())
  const appStore = useAppStore()
  // A write that failed where no screen catches it (storage full, the database closed by a newer
  // version in another tab) is said to the learner; any other error stays a bug in the console.
  app.config.errorHandler = (error) => {
    if (!appStore.reportUnsaved(error)) console.error(error)
  }
  window.addEventListener('unhandledrejection', (event) => {
    if (appStore.reportUnsaved(event.reason)) event.preventDefault()
  })
  void appStore.start()
  await nextTask()
  const router = createAppRouter()
  await nextTask()
  // The first navigation starts here (home's route reads what home shows).
  app.use(router).use(appI18n())
  await Promise.all([router.isReady(), coreMessages])
  await nextTask()
  app.mount('#app')
  // The service worker's precache download would compete with the first screen (and, on a first
  // visit, with the deck writes): it registers once those are done and the page is idle.
  await afterFirstScreen()
  await appStore.start().catch(() => undefined)
  await registerServiceWorker()
}

void start()
