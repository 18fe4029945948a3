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
void useAppStore().start()
void Promise.all([router.isReady(), loadMessages(['core'])]).then(() => {
  app.mount('#app')
  void registerServiceWorker()
})
