// @vitest-environment happy-dom
// The whole screen on a stored history (fake-indexeddb): loading, the figures, and the deck filter.
import { flushPromises, mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createMemoryHistory, createRouter } from 'vue-router'
import { clock } from '../../src/composables/clock'
import { getDb, type ScheduleRow } from '../../src/db/database'
import { createScheduler } from '../../src/domain/scheduling/scheduler'
import { DEFAULT_SETTINGS } from '../../src/domain/settings'
import { streaks, todaySummary } from '../../src/domain/stats/activity'
import { cardTotalsOf } from '../../src/domain/stats/card-totals'
import { reviewDaysOf } from '../../src/domain/stats/review-days'
import { useAppStore } from '../../src/stores/app'
import StatsView from '../../src/views/StatsView.vue'
import { simulateHistory } from '../fixtures/simulate-history'
import { testI18n } from './i18n'

vi.mock('vue-chartjs', async () => {
  const { defineComponent, h } = await import('vue')
  return { Chart: defineComponent({ setup: (_, { attrs }) => () => h('canvas', { role: 'img', 'aria-label': attrs['aria-label'] }) }) }
})

const NOW = Date.parse('2026-03-31T21:30:00+02:00')
const paris = { rolloverHour: 4, timeZone: 'Europe/Paris' }

beforeEach(() => {
  vi.spyOn(clock, 'now').mockReturnValue(NOW)
  vi.spyOn(clock, 'timeZone').mockReturnValue('Europe/Paris')
  setActivePinia(createPinia())
})
afterEach(async () => {
  vi.restoreAllMocks()
  const db = getDb()
  await Promise.all(db.tables.map((t) => t.clear()))
})

async function mountAt(path: string) {
  const router = createRouter({ history: createMemoryHistory(), routes: [{ path: '/stats', component: StatsView }] })
  await router.push(path)
  const w = mount(StatsView, { global: { plugins: [testI18n(), router] } })
  await vi.waitFor(async () => {
    await flushPromises()
    expect(w.find('main.stats').attributes('data-state')).toBe('ready')
  }, { timeout: 10_000, interval: 20 })
  return { w, router }
}

describe('StatsView', () => {
  it('computes every figure from the stored log and follows the deck filter', async () => {
    await useAppStore().start()
    const db = getDb()
    const synced = await db.schedules.toArray()
    const { schedules, reviews } = simulateHistory({ schedules: synced, days: 20, endMs: NOW, timeZone: paris.timeZone, seed: 11 })
    await db.schedules.bulkPut(schedules)
    await db.reviews.bulkAdd(reviews)

    const { w, router } = await mountAt('/stats')
    const all = reviewDaysOf(reviews, NOW, paris)
    expect(Number(w.find('[data-test="today-cards"]').attributes('data-reviews'))).toBe(todaySummary(all).reviews)
    expect(Number(w.find('[data-test="streak"]').attributes('data-value'))).toBe(streaks(all).current)
    expect(w.findAll('[data-section]').map((s) => s.attributes('data-section'))).toEqual([
      'today',
      'stats-retention',
      'stats-forecast',
      'stats-reviews',
      'stats-counts',
      'stats-heatmap',
      'stats-memory',
      'stats-decks',
      'stats-buttons',
    ])
    expect(w.findAll('h1')).toHaveLength(1)

    const deckId = schedules[0]!.deckId
    await w.find('[data-test="deck-filter"]').setValue(deckId)
    await flushPromises()
    expect(router.currentRoute.value.query).toEqual({ deck: deckId })
    const one = reviewDaysOf(reviews, NOW, paris, deckId)
    expect(Number(w.find('[data-test="today-cards"]').attributes('data-reviews'))).toBe(todaySummary(one).reviews)
    const { retrievability } = createScheduler(DEFAULT_SETTINGS, { fuzz: true })
    const cards = cardTotalsOf(schedules as ScheduleRow[], NOW, paris, retrievability, deckId)
    expect(Number(w.find('[data-test="card-total"]').attributes('data-value'))).toBe(cards.total)
    expect(w.findAll('[data-section="stats-decks"] li[data-deck]').map((li) => li.attributes('data-deck'))).toEqual([deckId])
  })

  it('shows a short empty state, not a table of dashes, before the first review, and opens on the deck in the address', async () => {
    await useAppStore().start()
    const deckId = (await getDb().decks.orderBy('position').first())!.id
    const { w } = await mountAt(`/stats?deck=${deckId}`)
    expect(w.find('[data-test="no-reviews"]').exists()).toBe(true)
    expect((w.find('[data-test="deck-filter"]').element as HTMLSelectElement).value).toBe(deckId)
    expect(w.find('[data-test="no-reviews"] h2').text()).toBe('Pas encore de statistiques')
    expect(w.find('[data-test="stats-start"]').exists()).toBe(true)
    expect(w.find('[data-section="stats-retention"]').exists()).toBe(false)
    expect(w.find('[data-test="today-again"]').exists()).toBe(false)
    expect(w.text()).not.toContain('—')
  })
})
