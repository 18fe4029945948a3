import { createApp } from 'vue'
import { createPinia } from 'pinia'
import App from './App.vue'
import { createAppRouter } from './app/router'
import { i18n, loadMessages } from './i18n'
import { registerServiceWorker } from './pwa/register'
import { useAppStore } from './stores/app'
import './styles.css'

document.documentElement.dataset.build = __APP_BUILD__
const app = createApp(App)
const router = createAppRouter()
app.use(createPinia()).use(router).use(i18n)
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
void Promise.all([router.isReady(), loadMessages(['core'])]).then(() => {
  app.mount('#app')
  void registerServiceWorker()
})
