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
      { path: '/interview/study', name: 'interview-study', component: () => import('../views/InterviewView.vue') },
      { path: '/browse', name: 'browse', component: () => import('../views/BrowseView.vue') },
      // Browse's pages share one view (one lazy chunk): card detail, decks, deck and card editors.
      { path: '/browse/card/:id', name: 'browse-card', component: () => import('../views/BrowseView.vue') },
      { path: '/decks', name: 'decks', component: () => import('../views/BrowseView.vue') },
      { path: '/decks/:id/edit', name: 'deck-edit', component: () => import('../views/BrowseView.vue') },
      { path: '/cards/new', name: 'card-new', component: () => import('../views/BrowseView.vue') },
      { path: '/cards/:id/edit', name: 'card-edit', component: () => import('../views/BrowseView.vue') },
      { path: '/data', name: 'data', component: () => import('../views/DataView.vue') },
      { path: '/:pathMatch(.*)*', redirect: '/' },
    ],
  })
}
