// Routes: home and review are in the first bundle (the first review screen); the rest is lazy.
import { createRouter, createWebHistory } from 'vue-router'
import HomeView from '../views/HomeView.vue'
import ReviewView from '../views/ReviewView.vue'

export function createAppRouter() {
  return createRouter({
    history: createWebHistory(import.meta.env.BASE_URL),
    routes: [
      { path: '/', name: 'home', component: HomeView },
      { path: '/review/:deckId?', name: 'review', component: ReviewView },
      { path: '/settings', name: 'settings', component: () => import('../views/SettingsView.vue') },
      { path: '/stats', name: 'stats', component: () => import('../views/StatsView.vue') },
      { path: '/interview', name: 'interview', component: () => import('../views/InterviewView.vue') },
      { path: '/browse', name: 'browse', component: () => import('../views/BrowseView.vue') },
      { path: '/data', name: 'data', component: () => import('../views/DataView.vue') },
      { path: '/:pathMatch(.*)*', redirect: '/' },
    ],
  })
}
