// Routes: home is in the first bundle; the rest is lazy. The review screen's chunk is fetched as
// soon as home is idle (app/review-route.ts). A lazy route names the message namespaces it uses
// (meta.messages): they load with its chunk.
import { createRouter, createWebHistory, type RouteComponent } from 'vue-router'
import { loadMessages, type Namespace } from '../i18n'
import HomeView from '../views/HomeView.vue'
import { prepareHome } from './home-route'
import { loadReviewView } from './review-route'
import { scrollBehavior } from './scroll-behavior'

declare module 'vue-router' {
  interface RouteMeta {
    messages?: readonly Namespace[]
  }
}

const settings = () => import('../views/SettingsView.vue')
const stats = () => import('../views/StatsView.vue')
const interview = () => import('../views/InterviewView.vue')
// Browse's pages share one view (one lazy chunk): card detail, decks, deck and card editors.
const browse = () => import('../views/BrowseView.vue')
const data = () => import('../views/DataView.vue')
const sync = () => import('../views/SyncView.vue')

const lazy = (component: () => Promise<RouteComponent>, messages: readonly Namespace[]) => ({ component, meta: { messages } })

export function createAppRouter() {
  const router = createRouter({
    history: createWebHistory(import.meta.env.BASE_URL),
    scrollBehavior,
    routes: [
      // Drawn once what it shows is known: nothing moves on screen as its parts come in.
      { path: '/', name: 'home', component: HomeView, beforeEnter: () => prepareHome().catch(() => undefined) },
      { path: '/review/:deckId?', name: 'review', component: loadReviewView },
      // Settings hold the leech rule (browse) and link to backups (data).
      { path: '/settings', name: 'settings', ...lazy(settings, ['settings', 'browse', 'data']) },
      { path: '/stats', name: 'stats', ...lazy(stats, ['stats']) },
      { path: '/interview', name: 'interview', ...lazy(interview, ['interview']) },
      { path: '/interview/study', name: 'interview-study', ...lazy(interview, ['interview']) },
      { path: '/browse', name: 'browse', ...lazy(browse, ['browse', 'issues']) },
      { path: '/browse/card/:id', name: 'browse-card', ...lazy(browse, ['browse', 'issues']) },
      { path: '/decks', name: 'decks', ...lazy(browse, ['browse', 'issues']) },
      { path: '/decks/:id/edit', name: 'deck-edit', ...lazy(browse, ['browse', 'issues']) },
      { path: '/cards/new', name: 'card-new', ...lazy(browse, ['browse', 'issues']) },
      { path: '/cards/:id/edit', name: 'card-edit', ...lazy(browse, ['browse', 'issues']) },
      { path: '/data', name: 'data', ...lazy(data, ['data', 'issues']) },
      { path: '/sync', name: 'sync', ...lazy(sync, ['sync', 'issues']) },
      { path: '/sync/join', name: 'sync-join', ...lazy(sync, ['sync', 'issues']) },
      { path: '/:pathMatch(.*)*', redirect: '/' },
    ],
  })
  // The view's chunk and its messages load side by side; the view renders once both are in.
  router.beforeResolve((to) => loadMessages(['core', ...(to.meta.messages ?? [])]))
  return router
}
