// Chart-ready series from the stats figures; components only add labels, colours and draw.
import type { AnswerButtons } from './buttons'
import type { DailySeries } from './activity'
import { DIFFICULTY_BINS, R_BINS, STABILITY_BOUNDS_DAYS, type CardTotals } from './card-totals'
import { BUTTON_GROUPS, REVIEW_KINDS, type ButtonGroup, type ReviewKind } from './review-kind'
import type { ReviewDays } from './review-days'
import { dailySeries } from './activity'

export interface Series<K extends string | number> {
  key: K
  values: number[]
}

export interface StackedBars<X, K extends string | number> {
  x: X[]
  series: Series<K>[]
}

/** Reviews per study day stacked by kind, as counts or minutes. */
export function reviewsChart(s: DailySeries, unit: 'count' | 'minutes'): StackedBars<number, ReviewKind> {
  return {
    x: s.days,
    series: REVIEW_KINDS.map((kind) => ({
      key: kind,
      values: unit === 'count' ? s.count[kind] : s.timeMs[kind].map((ms) => Math.round(ms / 6_000) / 10),
    })),
  }
}

/** Cards due per day from today (offset 0, overdue included), learning and review stacked. */
export function forecastChart(t: CardTotals): StackedBars<number, 'learning' | 'review'> {
  return {
    x: t.forecast.learning.map((_, offset) => offset),
    series: [
      { key: 'learning', values: t.forecast.learning },
      { key: 'review', values: t.forecast.review },
    ],
  }
}

/** Grouped bars: one group per card group, one bar per grade. */
export function buttonsChart(b: AnswerButtons): StackedBars<ButtonGroup, 1 | 2 | 3 | 4> {
  return {
    x: [...BUTTON_GROUPS],
    series: ([1, 2, 3, 4] as const).map((grade) => ({ key: grade, values: BUTTON_GROUPS.map((g) => b[g].grades[grade - 1]!) })),
  }
}

export interface Bin {
  /** Lower bound, inclusive. */
  from: number
  /** Upper bound, exclusive; null for an open-ended last bin. */
  to: number | null
  count: number
}

/** Bins in percent (0-100). */
export function retrievabilityBins(t: CardTotals): Bin[] {
  const width = 100 / R_BINS
  return t.retrievability.map((count, i) => ({ from: i * width, to: (i + 1) * width, count }))
}

/** Bins in days. */
export function stabilityBins(t: CardTotals): Bin[] {
  return t.stability.map((count, i) => ({
    from: i === 0 ? 0 : STABILITY_BOUNDS_DAYS[i - 1]!,
    to: STABILITY_BOUNDS_DAYS[i] ?? null,
    count,
  }))
}

/** Bins in percent of FSRS difficulty (0 % = 1, 100 % = 10). */
export function difficultyBins(t: CardTotals): Bin[] {
  const width = 100 / DIFFICULTY_BINS
  return t.difficulty.map((count, i) => ({ from: i * width, to: (i + 1) * width, count }))
}

export interface HeatCell {
  day: number
  /** Week column, 0 = oldest. */
  col: number
  /** 0 = Monday. */
  row: number
  count: number
  /** 0 = no review, 1-4 = quarters of the busiest day. */
  level: 0 | 1 | 2 | 3 | 4
}

export interface Heatmap {
  cells: HeatCell[]
  weeks: number
  /** Columns where a month starts, with the study day of that month's first. */
  months: { col: number; day: number }[]
  max: number
  total: number
  daysStudied: number
  /** The busiest study day, null without reviews. */
  busiest: { day: number; count: number } | null
}

/** Monday = 0: day 0 (1 January 1970) was a Thursday. */
export const weekday = (day: number) => (((day + 3) % 7) + 7) % 7

/** The calendar date of a study day, as a UTC instant (format it with timeZone 'UTC'). */
export const studyDayDate = (day: number) => new Date(day * 86_400_000)

export function heatLevel(count: number, max: number): HeatCell['level'] {
  if (count <= 0 || max <= 0) return 0
  return Math.min(4, Math.max(1, Math.ceil((count / max) * 4))) as HeatCell['level']
}

/** Reviews per study day over the window, laid out as a calendar: weeks in columns, weekdays in rows. */
export function heatmap(d: ReviewDays): Heatmap {
  const { days, total } = dailySeries(d, d.rows.length)
  const max = Math.max(0, ...total)
  const firstMonday = d.firstDay - weekday(d.firstDay)
  const cells: HeatCell[] = []
  const months: Heatmap['months'] = []
  let busiest: Heatmap['busiest'] = null
  days.forEach((day, i) => {
    const count = total[i]!
    const col = Math.floor((day - firstMonday) / 7)
    cells.push({ day, col, row: weekday(day), count, level: heatLevel(count, max) })
    if (studyDayDate(day).getUTCDate() === 1) months.push({ col, day })
    if (count > 0 && (!busiest || count > busiest.count)) busiest = { day, count }
  })
  return {
    cells,
    weeks: Math.floor((d.today - firstMonday) / 7) + 1,
    months,
    max,
    total: total.reduce((a, b) => a + b, 0),
    daysStudied: total.filter((n) => n > 0).length,
    busiest,
  }
}
