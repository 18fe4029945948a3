// @vitest-environment happy-dom
// Home: every count named, "today" (after the daily limits) apart from "in the deck", and a line
// saying which limit keeps cards back and how many, with a way to the setting.
import { flushPromises, mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createMemoryHistory, createRouter } from 'vue-router'
import manifest from 'virtual:deck-manifest'
import ReviewCounts from '../../src/components/review/ReviewCounts.vue'
import { clock } from '../../src/composables/clock'
import { getDb } from '../../src/db/database'
import { META_EXTRA_TODAY } from '../../src/db/study-context'
import { CardState } from '../../src/domain/scheduling/schedule'
import { dayIndex } from '../../src/domain/time/study-day'
import { useAppStore } from '../../src/stores/app'
import { useSettingsStore } from '../../src/stores/settings'
import HomeView from '../../src/views/HomeView.vue'
import { testI18n } from './i18n'

// Home's lazy parts (the interview card, the backup reminder, the review screen fetched when idle)
// are not what these tests look at, and must not load after a test ends.
vi.mock('../../src/app/review-route', () => ({ prefetchReview: () => undefined, loadReviewView: () => Promise.resolve({}) }))

const NOW = Date.parse('2026-11-27T10:00:00+01:00')
const TOTAL = manifest.reduce((n, d) => n + d.cards, 0)
const Empty = { template: '<div />' }

beforeEach(() => {
  vi.spyOn(clock, 'now').mockReturnValue(NOW)
  vi.spyOn(clock, 'timeZone').mockReturnValue('Europe/Paris')
  setActivePinia(createPinia())
})
afterEach(async () => {
  vi.restoreAllMocks()
  await Promise.all(getDb().tables.map((t) => t.clear()))
})

// A new visit of home: new stores, so that the screen waits for what the database holds now.
async function mountHome() {
  setActivePinia(createPinia())
  await useAppStore().start()
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [
      { path: '/', name: 'home', component: HomeView },
      { path: '/review/:deckId?', name: 'review', component: Empty },
      { path: '/settings', name: 'settings', component: Empty },
    ],
  })
  await router.push('/')
  const w = mount(HomeView, { global: { plugins: [testI18n(), router], stubs: { HomeInterviewPlan: true, HomeBackupReminder: true } } })
  await vi.waitFor(async () => {
    await flushPromises()
    expect(w.find('[data-test="total-counts"]').exists()).toBe(true)
    // The decks after the first ones are drawn a few a task.
    expect(w.find('ul.decks').attributes('aria-busy')).toBe('false')
  }, { timeout: 10_000, interval: 20 })
  return w
}

const spoken = (el: { text: () => string }) => el.text().replace(/\s+/g, ' ').trim()

describe('HomeView', () => {
  it('names every count, and tells today\'s session from the cards in each deck', async () => {
    await useAppStore().start()
    const w = await mountHome()
    expect(w.findAll('[data-test="total-counts"] .count').map(spoken)).toEqual(['20 nouvelles', '0 en cours', '0 à réviser'])
    expect(w.find('[data-test="total-counts"] .count__n').text()).toBe('20')

    const rows = w.findAll('li[data-deck]')
    expect(rows).toHaveLength(manifest.length)
    for (const [i, row] of rows.entries()) {
      const cards = manifest[i]!.cards
      const facts = row.findAll('.deck__fact')
      expect(facts.map((f) => spoken(f.find('dt')))).toEqual(['Aujourd’hui', 'Dans le paquet'])
      // Every number of the row has its word.
      for (const count of facts[0]!.findAll('.count')) expect(spoken(count)).toMatch(/^\d+ (nouvelles?|en cours|à réviser)$/)
      expect(spoken(facts[1]!.find('dd'))).toBe(`${cards} cartes, ${cards} jamais étudiées`)
    }
  })

  it('says which daily limit keeps cards back and how many wait, with a link to the setting', async () => {
    await useAppStore().start()
    let w = await mountHome()
    const note = () => w.find('[data-test="limit-note"]')
    expect(note().attributes('data-limit')).toBe('new')
    expect(spoken(note().find('p'))).toBe(`Limite du jour : 20 nouvelles cartes par jour ; ${TOTAL - 20} autres attendent.`)
    const link = note().find('a')
    expect(link.attributes('href')).toBe('/settings#new-per-day')
    expect(link.attributes('aria-label')).toBe('Modifier la limite de nouvelles cartes par jour')
    w.unmount()

    // No new card today at all: the limit is reached.
    await useSettingsStore().update({ newPerDay: 0 })
    w = await mountHome()
    expect(spoken(note().find('p'))).toBe(`Limite du jour atteinte : 0 nouvelle carte par jour ; ${TOTAL} autres attendent.`)
    expect(w.find('[data-test="nothing-due"]').exists()).toBe(true)
    w.unmount()

    // Custom study added five for today only.
    await getDb().meta.put({ key: META_EXTRA_TODAY, value: { dayIndex: dayIndex(NOW, { rolloverHour: 4, timeZone: 'Europe/Paris' }), newCards: 5, reviews: 0 } })
    w = await mountHome()
    expect(spoken(note().find('p'))).toBe(`Limite du jour : 0 nouvelle carte par jour, +5 aujourd’hui ; ${TOTAL - 5} autres attendent.`)
  })

  it('names the review limit when it keeps due reviews back', async () => {
    await useAppStore().start()
    await useSettingsStore().update({ reviewsPerDay: 1 })
    const db = getDb()
    const due = (await db.schedules.limit(3).toArray()).map((s) => ({ ...s, state: CardState.Review, due: NOW - 60_000, stability: 3, reps: 1 }))
    await db.schedules.bulkPut(due)
    const w = await mountHome()
    const notes = w.findAll('[data-test="limit-note"]')
    expect(notes.map((n) => n.attributes('data-limit'))).toEqual(['new', 'review'])
    expect(spoken(notes[1]!.find('p'))).toBe('Limite du jour : 1 révision par jour ; 2 autres attendent.')
    expect(notes[1]!.find('a').attributes('href')).toBe('/settings#reviews-per-day')
    expect(w.findAll('[data-test="total-counts"] .count').map(spoken)).toEqual(['20 nouvelles', '0 en cours', '1 à réviser'])
  })
})

describe('ReviewCounts in the review screen\'s header', () => {
  it('stays compact but gives every number its word for screen readers, plural as in French', () => {
    const w = mount(ReviewCounts, { props: { counts: { new: 1, learning: 0, review: 12 } }, global: { plugins: [testI18n()] } })
    const p = w.find('p.counts')
    expect(p.attributes('role')).toBe('status')
    expect(p.attributes('aria-label')).toBe('1 nouvelle, 0 en cours, 12 à réviser')
    expect(w.findAll('.count__label')).toHaveLength(0)
    expect(w.findAll('.count .visually-hidden').map((s) => s.text())).toEqual(['nouvelle', 'en cours', 'à réviser'])
    expect(w.findAll('.count__n').map((s) => s.text())).toEqual(['1', '0', '12'])
  })

  it('follows the language', async () => {
    const i18n = testI18n('en')
    const w = mount(ReviewCounts, { props: { counts: { new: 2, learning: 1, review: 0 }, labelled: true }, global: { plugins: [i18n] } })
    expect(w.findAll('.count').map(spoken)).toEqual(['2 new', '1 learning', '0 to review'])
    i18n.global.locale.value = 'fr'
    await flushPromises()
    expect(w.findAll('.count').map(spoken)).toEqual(['2 nouvelles', '1 en cours', '0 à réviser'])
  })
})
