// @vitest-environment happy-dom
import { nextTick } from 'vue'
import { mount } from '@vue/test-utils'
import { createPinia } from 'pinia'
import { describe, expect, it } from 'vitest'
import StatsCardCounts from '../../src/components/stats/StatsCardCounts.vue'
import StatsDeckMastery from '../../src/components/stats/StatsDeckMastery.vue'
import StatsHeatmap from '../../src/components/stats/StatsHeatmap.vue'
import StatsRetentionTable from '../../src/components/stats/StatsRetentionTable.vue'
import StatsToday from '../../src/components/stats/StatsToday.vue'
import type { DeckRow } from '../../src/db/database'
import { heatmap } from '../../src/domain/stats/chart-data'
import { retentionTable } from '../../src/domain/stats/retention'
import { reviewDaysOf, type LoggedReview } from '../../src/domain/stats/review-days'
import { dayIndex, dayStartMs } from '../../src/domain/time/study-day'
import { testI18n } from './i18n'

const paris = { rolloverHour: 4, timeZone: 'Europe/Paris' }
const NOW = Date.parse('2026-11-26T10:00:00+01:00')
const TODAY = dayIndex(NOW, paris)
const norm = (s: string) => s.replace(/[\u202f\u00a0]/g, ' ').replace(/\s+/g, ' ').trim()
/** The text of each leaf element, joined by spaces: what a reader sees as separate pieces. */
function shown(w: { element: Element }): string {
  const leaves = [w.element, ...w.element.querySelectorAll('*')].filter((e) => e.children.length === 0 && e.textContent?.trim())
  return norm(leaves.map((e) => e.textContent).join(' '))
}
const review = (offset: number, grade: 1 | 3, scheduledDays: number): LoggedReview => ({
  cardId: `c${offset}-${grade}-${scheduledDays}`,
  deckId: 'd',
  grade,
  reviewedAt: dayStartMs(TODAY + offset, paris) + 3_600_000,
  durationMs: 5_000,
  before: { state: 2, scheduledDays },
})

describe('StatsRetentionTable', () => {
  const d = reviewDaysOf([review(0, 3, 3), review(0, 1, 3), review(0, 3, 30), review(-3, 3, 30)], NOW, paris)

  it('shows each period with young, mature and total rates and answer counts; no data is a dash', () => {
    const w = mount(StatsRetentionTable, { props: { table: retentionTable(d), desiredRetention: 0.9 }, global: { plugins: [testI18n()] } })
    const row = (p: string) => w.findAll(`tr[data-period="${p}"] td`).map((td) => shown(td))
    expect(row('today')).toEqual(['50 % 2 rép.', '100 % 1 rép.', '66,7 % 3 rép.'])
    expect(row('yesterday')).toEqual(['—', '—', '—'])
    expect(row('week')).toEqual(['50 % 2 rép.', '100 % 2 rép.', '75 % 4 rép.'])
    // Far below the desired retention: flagged in red.
    expect(w.find('tr[data-period="today"] td[data-col="young"]').classes()).toContain('retention__cell--low')
    expect(w.find('tr[data-period="today"] td[data-col="mature"]').classes()).not.toContain('retention__cell--low')
    expect(w.findAll('th[scope="row"]').map((th) => th.text())).toEqual(['Aujourd’hui', 'Hier', '7 derniers jours', '30 derniers jours', 'Dernière année', 'Depuis le début'])
  })

  it('speaks English', () => {
    const w = mount(StatsRetentionTable, { props: { table: retentionTable(d), desiredRetention: 0.9 }, global: { plugins: [testI18n('en')] } })
    expect(w.find('h2').text()).toBe('True retention')
    expect(shown(w.find('tr[data-period="today"] td[data-col="total"]'))).toBe('66.7% 3 ans.')
  })
})

describe('StatsToday', () => {
  it('shows cards, time, Again rate and streak, and nudges to keep the streak', () => {
    const w = mount(StatsToday, {
      props: {
        today: { reviews: 12, cards: 9, timeMs: 185_000, again: 3, againRate: 0.25, byKind: { learning: 4, review: 8, relearning: 0 } },
        streaks: { current: 6, longest: 21, studiedToday: false },
      },
      global: { plugins: [testI18n()] },
    })
    expect(shown(w.find('[data-test="today-cards"]'))).toBe('Cartes étudiées 9 12 révisions')
    expect(shown(w.find('[data-test="today-time"]'))).toBe('Temps passé 3 min 15 s par révision')
    expect(shown(w.find('[data-test="today-again"]'))).toBe('Taux « À revoir » 25 % 3 sur 12')
    expect(shown(w.find('[data-test="streak"]'))).toBe('Série en cours 6 jours Record : 21 j Révisez aujourd’hui pour la prolonger.')
  })

  it('says "—" rather than 0 % before the first answer, and one day in the singular', () => {
    const w = mount(StatsToday, {
      props: { today: { reviews: 0, cards: 0, timeMs: 0, again: 0, againRate: null, byKind: { learning: 0, review: 0, relearning: 0 } }, streaks: { current: 1, longest: 1, studiedToday: true } },
      global: { plugins: [testI18n()] },
    })
    expect(w.find('[data-test="today-again"] .tile__value').text()).toBe('—')
    expect(shown(w.find('[data-test="streak"]'))).toBe('Série en cours 1 jour Record : 1 j')
  })
})

describe('StatsCardCounts', () => {
  it('lists every state with its number and share', () => {
    const counts = { new: 10, learning: 2, relearning: 1, young: 3, mature: 4, suspended: 0, buried: 0 }
    const w = mount(StatsCardCounts, { props: { counts, total: 20 }, global: { plugins: [testI18n()] } })
    expect(shown(w.find('[data-test="card-total"]'))).toBe('20 cartes')
    expect(w.findAll('li').map((li) => shown(li))).toEqual([
      'Nouvelles 10 50 %',
      'En apprentissage 2 10 %',
      'En réapprentissage 1 5 %',
      'Jeunes 3 15 %',
      'Matures 4 20 %',
      'Suspendues 0 0 %',
      'Enfouies 0 0 %',
    ])
  })
})

describe('StatsDeckMastery', () => {
  const deck = (id: string, title: string): DeckRow => ({ id, title: { fr: title, en: title }, origin: 'builtin', contentHash: 'x', position: 0, retired: false })
  const rows = [
    { deckId: 'role', total: 10, mastered: 8, shaky: 1, neverStudied: 1, studied: 9, masteredShare: 0.8, neverStudiedShare: 0.1, recallLater: 0.9 },
    { deckId: 'b2b', total: 4, mastered: 1, shaky: 1, neverStudied: 2, studied: 2, masteredShare: 0.25, neverStudiedShare: 0.5, recallLater: 0.6 },
  ]
  const untouched = { deckId: 'saas', total: 5, mastered: 0, shaky: 0, neverStudied: 5, studied: 0, masteredShare: 0, neverStudiedShare: 1, recallLater: null }

  it('shows each deck with its mastered share, and names the one to work on', () => {
    const w = mount(StatsDeckMastery, { props: { rows, decks: [deck('role', 'Le rôle'), deck('b2b', 'B2B ou B2C')] }, global: { plugins: [testI18n(), createPinia()] } })
    expect(shown(w.find('[data-test="weakest-deck"]'))).toBe('À travailler en priorité : B2B ou B2C (rappel moyen dans 30 jours : 60 %).')
    expect(w.text()).toContain('stabilité de 21')
    const li = w.find('li[data-deck="b2b"]')
    expect(shown(li.find('.deck__head'))).toBe('B2B ou B2C 25 %')
    expect(norm(li.attributes('aria-label')!)).toBe('B2B ou B2C : 25 % maîtrisées, 25 % à consolider, 50 % jamais étudiées, sur 4 cartes.')
    expect(shown(li.find('.deck__meta'))).toBe('Maîtrisées : 1 · à consolider : 1 · jamais étudiées : 2 (50 %)')
  })

  it('points at the weakest studied deck, and lists the never-studied decks apart', () => {
    const decks = [deck('role', 'Le rôle'), deck('b2b', 'B2B ou B2C'), deck('saas', 'SaaS')]
    const w = mount(StatsDeckMastery, { props: { rows: [untouched, ...rows], decks }, global: { plugins: [testI18n(), createPinia()] } })
    expect(shown(w.find('[data-test="weakest-deck"]'))).toContain('B2B ou B2C')
    expect(w.find('li[data-deck="saas"]').exists()).toBe(false)
    expect(shown(w.find('[data-test="not-studied"]'))).toBe('Pas encore étudiés : SaaS.')
  })

  it('names no weakest deck when only one is shown', () => {
    const w = mount(StatsDeckMastery, { props: { rows: rows.slice(0, 1), decks: [deck('role', 'Le rôle')] }, global: { plugins: [testI18n(), createPinia()] } })
    expect(w.find('[data-test="weakest-deck"]').exists()).toBe(false)
  })
})

describe('StatsHeatmap', () => {
  it('on a phone, draws the recent weeks only, large enough to read, and says so', async () => {
    const wide = window.matchMedia
    window.matchMedia = ((q: string) => ({ matches: false, media: q, addEventListener() {}, removeEventListener() {} })) as unknown as typeof window.matchMedia
    try {
      const d = reviewDaysOf([review(0, 3, 3), review(-200, 3, 3)], NOW, paris)
      const w = mount(StatsHeatmap, { props: { heatmap: heatmap(d), streaks: { current: 1, longest: 1, studiedToday: true }, today: TODAY }, global: { plugins: [testI18n()] } })
      await nextTick()
      const cells = w.findAll('svg.heat__svg rect')
      expect(cells.length).toBeLessThanOrEqual(18 * 7)
      expect(cells.length).toBeGreaterThan(17 * 7)
      expect(w.findAll('svg.heat__svg')).toHaveLength(1)
      expect(w.find('svg.heat__svg').attributes('viewBox')).toBe('0 0 232 96')
      expect(w.find('rect.heat__cell--today').exists()).toBe(true)
      expect(shown(w.find('[data-test="heatmap-recent"]'))).toBe('Les 18 dernières semaines ; l’année entière sur un écran plus large.')
    } finally {
      window.matchMedia = wide
    }
  })

  it('draws one cell per day of the year, today outlined, each with its date and count', async () => {
    const d = reviewDaysOf([review(0, 3, 3), review(0, 3, 4), review(-2, 1, 3)], NOW, paris)
    const w = mount(StatsHeatmap, { props: { heatmap: heatmap(d), streaks: { current: 1, longest: 1, studiedToday: true }, today: TODAY }, global: { plugins: [testI18n()] } })
    await nextTick()
    const cells = w.findAll('rect.heat__cell:not(.heat-legend rect)')
    expect(w.findAll('svg.heat__svg rect')).toHaveLength(365)
    expect(cells.length).toBeGreaterThanOrEqual(365)
    const today = w.find('rect.heat__cell--today')
    expect(today.classes()).toContain('heat__cell--4')
    expect(today.find('title').text()).toBe('jeudi 26 novembre 2026\u202f: 2 révisions')
    expect(norm(w.find('.heat').attributes('aria-label')!)).toBe('Calendrier de la dernière année. Révisions : 3 ; jours étudiés : 2 sur 365 ; série en cours : 1 j ; record : 1 j.')
    expect(shown(w.find('[data-test="heatmap"]'))).toContain('Jour le plus chargé : jeudi 26 novembre 2026, 2 révisions')
  })
})
