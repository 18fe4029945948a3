import { describe, expect, it } from 'vitest'
import type { GradeValue } from '../../src/domain/scheduling/schedule'
import { dailySeries } from '../../src/domain/stats/activity'
import { answerButtons } from '../../src/domain/stats/buttons'
import { emptyCardTotals } from '../../src/domain/stats/card-totals'
import {
  buttonsChart,
  difficultyBins,
  forecastChart,
  heatLevel,
  heatmap,
  retrievabilityBins,
  reviewsChart,
  stabilityBins,
  studyDayDate,
  weekday,
} from '../../src/domain/stats/chart-data'
import { reviewDaysOf, type LoggedReview } from '../../src/domain/stats/review-days'
import { dayIndex, dayStartMs } from '../../src/domain/time/study-day'

const paris = { rolloverHour: 4, timeZone: 'Europe/Paris' }
const NOW = Date.parse('2026-11-26T10:00:00+01:00') // a Thursday
const TODAY = dayIndex(NOW, paris)
const noon = (offset: number) => dayStartMs(TODAY + offset, paris) + 8 * 3_600_000
const review = (offset: number, grade: GradeValue, state: 0 | 1 | 2 | 3, durationMs = 30_000, scheduledDays = 5): LoggedReview => ({
  cardId: `c${offset}-${state}`,
  deckId: 'd',
  grade,
  reviewedAt: noon(offset),
  durationMs,
  before: { state, scheduledDays },
})

describe('chart data', () => {
  const log = [review(0, 3, 2, 90_000), review(0, 1, 0, 30_000), review(-1, 3, 3, 45_000), review(-1, 4, 2, 15_000, 30)]
  const d = reviewDaysOf(log, NOW, paris)

  it('reviews per day: one stack per kind, in counts or in minutes to a tenth', () => {
    const s = dailySeries(d, 30)
    const counts = reviewsChart(s, 'count')
    expect(counts.x).toEqual(s.days)
    expect(counts.series.map((x) => x.key)).toEqual(['learning', 'review', 'relearning'])
    expect(counts.series.map((x) => x.values.slice(-2))).toEqual([[0, 1], [1, 1], [1, 0]])
    const minutes = reviewsChart(s, 'minutes')
    expect(minutes.series.map((x) => x.values.slice(-2))).toEqual([[0, 0.5], [0.3, 1.5], [0.8, 0]])
  })

  it('forecast: day offsets 0-29 with learning and review stacked', () => {
    const t = emptyCardTotals()
    t.forecast.learning[0] = 2
    t.forecast.review[0] = 5
    t.forecast.review[29] = 1
    const f = forecastChart(t)
    expect(f.x).toEqual(Array.from({ length: 30 }, (_, i) => i))
    expect(f.series[0]).toEqual({ key: 'learning', values: t.forecast.learning })
    expect(f.series[1]!.values[29]).toBe(1)
  })

  it('answer buttons: one bar per grade in each group', () => {
    const b = buttonsChart(answerButtons(d, 30))
    expect(b.x).toEqual(['learning', 'young', 'mature'])
    expect(b.series).toEqual([
      { key: 1, values: [1, 0, 0] },
      { key: 2, values: [0, 0, 0] },
      { key: 3, values: [1, 1, 0] },
      { key: 4, values: [0, 0, 1] },
    ])
  })

  it('histograms: bins with their bounds', () => {
    const t = emptyCardTotals()
    t.retrievability[19] = 4
    t.stability[0] = 2
    t.stability[11] = 1
    t.difficulty[3] = 7
    const r = retrievabilityBins(t)
    expect(r).toHaveLength(20)
    expect(r[19]).toEqual({ from: 95, to: 100, count: 4 })
    const s = stabilityBins(t)
    expect(s[0]).toEqual({ from: 0, to: 1, count: 2 })
    expect(s[1]).toEqual({ from: 1, to: 2, count: 0 })
    expect(s.at(-1)).toEqual({ from: 730, to: null, count: 1 })
    expect(difficultyBins(t)[3]).toEqual({ from: 30, to: 40, count: 7 })
  })

  it('heatmap: a calendar of the year, weeks in columns from Monday, four levels', () => {
    expect(weekday(TODAY)).toBe(3)
    expect(studyDayDate(TODAY).toISOString().slice(0, 10)).toBe('2026-11-26')
    const h = heatmap(d)
    expect(h.cells).toHaveLength(365)
    expect(h.cells[0]).toMatchObject({ day: TODAY - 364, col: 0, row: weekday(TODAY - 364) })
    expect(h.cells.at(-1)).toMatchObject({ day: TODAY, row: 3, count: 2, level: 4, col: h.weeks - 1 })
    expect(h.weeks).toBe(53)
    expect(h.cells.every((c) => c.col * 7 + c.row === c.day - (TODAY - 364) + weekday(TODAY - 364))).toBe(true)
    expect(h.months).toHaveLength(12)
    expect(h.months.map((m) => studyDayDate(m.day).getUTCDate())).toEqual(Array(12).fill(1))
    expect(h).toMatchObject({ max: 2, total: 4, daysStudied: 2, busiest: { day: TODAY - 1, count: 2 } })
    expect([0, 1, 25, 26, 50, 51, 75, 76, 100].map((n) => heatLevel(n, 100))).toEqual([0, 1, 1, 2, 2, 3, 3, 4, 4])
    expect(heatLevel(3, 0)).toBe(0)
    expect(heatmap(reviewDaysOf([], NOW, paris))).toMatchObject({ max: 0, total: 0, busiest: null })
  })
})
