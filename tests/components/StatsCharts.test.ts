// @vitest-environment happy-dom
// Each chart's data mapping, as handed to Chart.js (replaced here by a stub that keeps its props).
import { mount } from '@vue/test-utils'
import { describe, expect, it, vi } from 'vitest'
import { defineComponent, h, nextTick } from 'vue'
import StatsAnswerButtons from '../../src/components/stats/StatsAnswerButtons.vue'
import StatsBarChart from '../../src/components/stats/StatsBarChart.vue'
import StatsForecast from '../../src/components/stats/StatsForecast.vue'
import StatsMemory from '../../src/components/stats/StatsMemory.vue'
import StatsReviewsChart from '../../src/components/stats/StatsReviewsChart.vue'
import { emptyCardTotals } from '../../src/domain/stats/card-totals'
import { reviewDaysOf, type LoggedReview } from '../../src/domain/stats/review-days'
import { dayIndex, dayStartMs } from '../../src/domain/time/study-day'
import { testI18n } from './i18n'

vi.mock('vue-chartjs', () => ({
  Chart: defineComponent({
    name: 'ChartStub',
    props: { type: { type: String, required: true }, data: { type: Object, required: true }, options: { type: Object, required: true } },
    setup: (_, { attrs }) => () => h('canvas', { role: 'img', 'aria-label': attrs['aria-label'] }),
  }),
}))

const paris = { rolloverHour: 4, timeZone: 'Europe/Paris' }
const NOW = Date.parse('2026-11-26T10:00:00+01:00')
const TODAY = dayIndex(NOW, paris)
const noon = (offset: number) => dayStartMs(TODAY + offset, paris) + 8 * 3_600_000
const review = (offset: number, grade: 1 | 2 | 3 | 4, state: 0 | 1 | 2 | 3, scheduledDays = 5, durationMs = 60_000): LoggedReview => ({
  cardId: `c${offset}${state}${grade}`,
  deckId: 'd',
  grade,
  reviewedAt: noon(offset),
  durationMs,
  before: { state, scheduledDays },
})
const log = [review(0, 3, 2), review(0, 1, 2, 30), review(-1, 3, 0), review(-1, 4, 3), review(-60, 2, 2, 40)]
const days = reviewDaysOf(log, NOW, paris)
const global = { plugins: [testI18n('fr')], stubs: { StatsBarChart: true } }
/** Intl puts (narrow) no-break spaces in numbers and units: compare with plain spaces. */
const norm = (s: string) => s.replace(/[\u202f\u00a0]/g, ' ')
const chartProps = (w: ReturnType<typeof mount>, i = 0) => w.findAllComponents(StatsBarChart)[i]!.props()

describe('StatsBarChart', () => {
  it('colours each dataset from the theme variables and speaks its summary', async () => {
    document.documentElement.style.setProperty('--c-review', 'rgb(1, 2, 3)')
    document.documentElement.style.setProperty('--muted', 'rgb(9, 9, 9)')
    const w = mount(StatsBarChart, {
      props: { labels: ['a', 'b'], datasets: [{ label: 'Révision', data: [1, 2], color: 'review' }], summary: '3 révisions', stacked: true },
      global: { plugins: [testI18n()] },
    })
    // Near the screen (a test DOM puts everything at the top): drawn right after mounting.
    await nextTick()
    const chart = w.findComponent({ name: 'ChartStub' })
    const data = chart.props('data') as { labels: string[]; datasets: { label: string; data: number[]; backgroundColor: string }[] }
    expect(data.labels).toEqual(['a', 'b'])
    expect(data.datasets[0]).toMatchObject({ label: 'Révision', data: [1, 2], backgroundColor: 'rgb(1, 2, 3)' })
    const options = chart.props('options') as { animation: boolean; scales: { x: { stacked: boolean; ticks: { color: string } } }; plugins: { legend: { display: boolean } } }
    expect(options.animation).toBe(false)
    expect(options.scales.x.stacked).toBe(true)
    expect(options.scales.x.ticks.color).toBe('rgb(9, 9, 9)')
    expect(options.plugins.legend.display).toBe(false)
    expect(w.find('canvas').attributes('aria-label')).toBe('3 révisions')
  })

  it('waits to draw a chart far below the screen, its numbers still there for screen readers', async () => {
    let notify: ((entries: Array<{ isIntersecting: boolean }>) => void) | undefined
    class FakeObserver {
      constructor(callback: (entries: Array<{ isIntersecting: boolean }>) => void) {
        notify = callback
      }
      observe() {}
      unobserve() {}
      disconnect() {}
      takeRecords() {
        return []
      }
    }
    vi.stubGlobal('IntersectionObserver', FakeObserver)
    const rect = vi.spyOn(HTMLElement.prototype, 'getBoundingClientRect').mockReturnValue({ top: 5000 } as DOMRect)
    try {
      const w = mount(StatsBarChart, {
        props: { labels: ['a'], datasets: [{ label: 'Révision', data: [1], color: 'review' }], summary: '1 révision' },
        global: { plugins: [testI18n()] },
      })
      await nextTick()
      expect(w.find('canvas').exists()).toBe(false)
      expect(w.find('figure').attributes('data-drawn')).toBe('false')
      expect(w.find('figure .visually-hidden').text()).toBe('1 révision')
      // Scrolled near: drawn.
      notify!([{ isIntersecting: true }])
      await nextTick()
      expect(w.find('canvas').attributes('aria-label')).toBe('1 révision')
      expect(w.find('figure .visually-hidden').exists()).toBe(false)
    } finally {
      rect.mockRestore()
      vi.unstubAllGlobals()
    }
  })
})

describe('StatsReviewsChart', () => {
  it('draws 30, 90 or 365 days, stacked by kind, in counts or minutes', async () => {
    const w = mount(StatsReviewsChart, { props: { reviews: days }, global })
    let p = chartProps(w)
    expect(p.labels).toHaveLength(30)
    expect(p.labels.at(-1)).toBe('26 nov.')
    expect(p.tooltipTitles!.at(-1)).toBe('jeudi 26 novembre 2026')
    expect(p.datasets.map((d) => [d.label, d.color])).toEqual([
      ['Apprentissage', 'learning'],
      ['Révision', 'review'],
      ['Réapprentissage', 'hard'],
    ])
    expect(p.datasets.map((d) => d.data.slice(-2))).toEqual([[1, 0], [0, 2], [1, 0]])
    expect(norm(p.summary)).toContain('Total : 4 en 4 min ; jours étudiés : 2 sur 30')
    expect(w.find('[data-test="reviews-facts"]').attributes('data-total')).toBe('4')

    await w.find('[data-test="reviews-range"] input[value="90"]').setValue(true)
    p = chartProps(w)
    expect(p.labels).toHaveLength(90)
    expect(w.find('[data-test="reviews-facts"]').attributes('data-total')).toBe('5')
    await w.findAll('[data-test="reviews-unit"] input')[1]!.setValue(true)
    p = chartProps(w)
    expect(p.datasets[1]!.data.slice(-1)).toEqual([2])
    expect(p.yTitle).toBe('Minutes')
  })
})

describe('StatsAnswerButtons', () => {
  it('groups the grades by learning, young and mature, and follows its own period', async () => {
    const w = mount(StatsAnswerButtons, { props: { reviews: days }, global })
    const p = chartProps(w)
    expect(p.labels).toEqual(['Apprentissage', 'Jeunes', 'Matures'])
    expect(p.datasets.map((d) => [d.label, d.data])).toEqual([
      ['À revoir', [0, 0, 1]],
      ['Difficile', [0, 0, 0]],
      ['Correct', [1, 1, 0]],
      ['Facile', [1, 0, 0]],
    ])
    expect(norm(p.summary)).toContain('Matures 1, 0, 0, 0 (0 % justes)')
    await w.find('[data-test="buttons-range"] input[value="90"]').setValue(true)
    expect(chartProps(w).datasets[1]!.data).toEqual([0, 0, 1])
  })
})

describe('StatsForecast', () => {
  it('labels today, then the dates, and states the backlog', () => {
    const cards = emptyCardTotals()
    cards.forecast.review[0] = 5
    cards.forecast.learning[0] = 1
    cards.forecast.review[1] = 2
    cards.overdue = 3
    const w = mount(StatsForecast, { props: { cards, today: TODAY }, global })
    const p = chartProps(w)
    expect(p.labels.slice(0, 2)).toEqual(['Auj.', '27 nov.'])
    expect(p.datasets.map((d) => d.data.slice(0, 2))).toEqual([[1, 0], [5, 2]])
    expect(w.find('[data-test="due-today"]').text()).toContain('6')
    expect(w.find('[data-test="due-today"]').text()).toContain('dont 3 en retard')
    expect(norm(p.summary)).toContain('6 aujourd’hui (dont 3 en retard), 2 demain, 8 au total')
  })
})

describe('StatsMemory', () => {
  it('draws the retrievability, stability and difficulty bins with readable labels', () => {
    const cards = emptyCardTotals()
    cards.studied = 4
    cards.retrievability[19] = 3
    cards.retrievability[10] = 1
    cards.retrievabilitySum = 3.4
    cards.mastered = 3
    cards.stability[0] = 1
    cards.stability[11] = 3
    cards.stabilitySumDays = 3000
    cards.difficulty[9] = 4
    cards.difficultySum = 40
    const w = mount(StatsMemory, { props: { cards }, global })
    const [r, s, d] = [chartProps(w, 0), chartProps(w, 1), chartProps(w, 2)]
    expect(r.labels).toHaveLength(20)
    expect(r.tooltipTitles![19]).toBe(new Intl.NumberFormat('fr', { style: 'percent' }).formatRange(0.95, 1))
    expect(norm(r.tooltipTitles![19]!)).toBe('95–100 %')
    expect(r.datasets[0]!.data[19]).toBe(3)
    expect(s.labels[0]).toBe('< 1\u00a0j')
    expect(s.labels[1]).toBe('1–2\u00a0j')
    expect(s.labels.at(-1)).toBe('≥ 730\u00a0j')
    expect(norm(s.summary)).toContain('classe la plus fréquente : ≥ 730 j (3)')
    expect(d.datasets[0]!.data[9]).toBe(4)
    expect(norm(w.find('[data-test="recall-now"]').text())).toContain('environ 3 sur 4')
    expect(norm(w.find('[data-test="recall-now"]').text())).toContain('moyenne 85 %')
  })

  it('writes percents as each language does: "90 %" with a no-break space in French, "90%" in English', () => {
    const cards = emptyCardTotals()
    cards.studied = 2
    cards.retrievability[19] = 2
    cards.retrievabilitySum = 1.9
    cards.retrievabilityLaterSum = 1.8
    const en = mount(StatsMemory, { props: { cards }, global: { ...global, plugins: [testI18n('en')] } })
    expect(chartProps(en, 0).tooltipTitles![19]).toBe('95% – 100%')
    expect(en.text()).toContain('falls to 90%.')
    expect(en.find('[data-test="average-r-later"] .facts__big').text()).toBe('90%')
    const fr = mount(StatsMemory, { props: { cards }, global })
    expect(fr.text()).toContain('tombe à 90\u202f%.')
    // Intl's French percent sign follows a no-break space (U+00A0 or U+202F depending on the data version).
    expect(fr.find('[data-test="average-r-later"] .facts__big').text()).toMatch(/^90[\u00a0\u202f]%$/)
  })

  it('after a first pass with failures, shows what lasts, not the near-100 % recall of right after a review', () => {
    const cards = emptyCardTotals()
    cards.studied = 19
    cards.retrievability[19] = 19
    cards.retrievabilitySum = 19
    cards.retrievabilityLaterSum = 11
    cards.mastered = 0
    cards.stability[2] = 19
    cards.stabilitySumDays = 19 * 3
    cards.difficulty[5] = 19
    cards.difficultySum = 19 * 6
    const w = mount(StatsMemory, { props: { cards }, global })
    expect(norm(w.find('[data-test="mastery-definition"]').text())).toContain('stabilité de 21 j ou plus')
    expect(norm(w.find('[data-test="mastered"] .facts__big').text())).toBe('0')
    expect(norm(w.find('[data-test="recall-later"] .facts__big').text())).toBe('11 sur 19')
    // The note on the sum of recall probabilities sits under the figure it describes.
    expect(norm(w.find('[data-test="recall-later"] .facts__note').text())).toContain('somme des probabilités de rappel')
    expect(norm(w.find('[data-test="average-r-later"] .facts__big').text())).toBe('58 %')
    expect(w.find('[data-test="average-r"]').exists()).toBe(false)
  })
})
