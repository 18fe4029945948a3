// Anki's "true retention": the share of answers to review-state cards not graded Again, by period.
import { FIELD, sumAll, sumField, type ReviewDays } from './review-days'

export const RETENTION_PERIODS = ['today', 'yesterday', 'week', 'month', 'year', 'all'] as const
export type RetentionPeriod = (typeof RETENTION_PERIODS)[number]

export interface Tally {
  pass: number
  fail: number
  /** pass / (pass + fail); null when nothing was answered in the period. */
  rate: number | null
}

export interface RetentionRow {
  young: Tally
  mature: Tally
  total: Tally
}

export type RetentionTable = Record<RetentionPeriod, RetentionRow>

export function tally(pass: number, fail: number): Tally {
  const n = pass + fail
  return { pass, fail, rate: n === 0 ? null : pass / n }
}

/** First and last study day of a period ending today (null: all time). */
export function periodDays(period: RetentionPeriod, today: number): [number, number] | null {
  switch (period) {
    case 'today':
      return [today, today]
    case 'yesterday':
      return [today - 1, today - 1]
    case 'week':
      return [today - 6, today]
    case 'month':
      return [today - 29, today]
    case 'year':
      return [today - 364, today]
    case 'all':
      return null
  }
}

export function retentionTable(d: ReviewDays): RetentionTable {
  const row = (period: RetentionPeriod): RetentionRow => {
    const span = periodDays(period, d.today)
    const sum = (field: number) => (span === null ? sumAll(d, field) : sumField(d, span[0], span[1], field))
    const young = tally(sum(FIELD.youngPass), sum(FIELD.youngFail))
    const mature = tally(sum(FIELD.maturePass), sum(FIELD.matureFail))
    return { young, mature, total: tally(young.pass + mature.pass, young.fail + mature.fail) }
  }
  return Object.fromEntries(RETENTION_PERIODS.map((p) => [p, row(p)])) as RetentionTable
}
