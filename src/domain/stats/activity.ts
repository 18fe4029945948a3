// Study activity from the daily counters: today, reviews and time per day by kind, streaks.
import { FIELD, FIELDS, studyDays, type ReviewDays } from './review-days'
import { REVIEW_KINDS, type ReviewKind } from './review-kind'

export interface TodaySummary {
  /** Answers given today. */
  reviews: number
  /** Distinct cards answered today. */
  cards: number
  timeMs: number
  again: number
  /** Share of today's answers graded Again; null before the first answer. */
  againRate: number | null
  byKind: Record<ReviewKind, number>
}

export function todaySummary(d: ReviewDays): TodaySummary {
  const base = (d.today - d.firstDay) * FIELDS
  const at = (field: number) => d.rows[base + field]!
  const byKind = { learning: at(FIELD.count), review: at(FIELD.count + 1), relearning: at(FIELD.count + 2) }
  const reviews = byKind.learning + byKind.review + byKind.relearning
  const again = at(FIELD.again)
  return {
    reviews,
    cards: d.cardsToday.size,
    timeMs: at(FIELD.timeMs) + at(FIELD.timeMs + 1) + at(FIELD.timeMs + 2),
    again,
    againRate: reviews === 0 ? null : again / reviews,
    byKind,
  }
}

export interface DailySeries {
  /** Study-day indexes, oldest first, ending today. */
  days: number[]
  count: Record<ReviewKind, number[]>
  timeMs: Record<ReviewKind, number[]>
  /** Reviews of each day, all kinds. */
  total: number[]
  totals: {
    reviews: number
    timeMs: number
    daysStudied: number
    /** Averages over the days with at least one review, and over the whole period. */
    reviewsPerStudiedDay: number
    reviewsPerDay: number
    timeMsPerStudiedDay: number
  }
}

/** Reviews and time per study day over the last `rangeDays` days (1 to WINDOW_DAYS). */
export function dailySeries(d: ReviewDays, rangeDays: number): DailySeries {
  const length = Math.max(1, Math.min(rangeDays, d.rows.length / FIELDS))
  const first = d.today - length + 1
  const days: number[] = []
  const count = { learning: [] as number[], review: [] as number[], relearning: [] as number[] }
  const timeMs = { learning: [] as number[], review: [] as number[], relearning: [] as number[] }
  const total: number[] = []
  let reviews = 0
  let time = 0
  let daysStudied = 0
  for (let day = first; day <= d.today; day++) {
    const base = (day - d.firstDay) * FIELDS
    days.push(day)
    let dayTotal = 0
    REVIEW_KINDS.forEach((kind, k) => {
      const n = d.rows[base + FIELD.count + k]!
      const ms = d.rows[base + FIELD.timeMs + k]!
      count[kind].push(n)
      timeMs[kind].push(ms)
      dayTotal += n
      time += ms
    })
    total.push(dayTotal)
    reviews += dayTotal
    if (dayTotal > 0) daysStudied++
  }
  return {
    days,
    count,
    timeMs,
    total,
    totals: {
      reviews,
      timeMs: time,
      daysStudied,
      reviewsPerStudiedDay: daysStudied === 0 ? 0 : reviews / daysStudied,
      reviewsPerDay: reviews / length,
      timeMsPerStudiedDay: daysStudied === 0 ? 0 : time / daysStudied,
    },
  }
}

export interface Streaks {
  /** Consecutive study days up to today, or up to yesterday while today is not studied yet. */
  current: number
  longest: number
  studiedToday: boolean
}

/** A day counts when at least one review was done in that study day. */
export function streaks(d: ReviewDays): Streaks {
  const days = studyDays(d)
  const studied = new Set(days)
  const studiedToday = studied.has(d.today)
  let current = 0
  for (let day = studiedToday ? d.today : d.today - 1; studied.has(day); day--) current++
  let longest = 0
  let run = 0
  for (let i = 0; i < days.length; i++) {
    run = i > 0 && days[i]! === days[i - 1]! + 1 ? run + 1 : 1
    if (run > longest) longest = run
  }
  return { current, longest, studiedToday }
}
