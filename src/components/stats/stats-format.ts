// Number, date and duration formats of the stats screen, in the interface language.
import { studyDayDate } from '../../domain/stats/chart-data'

const cache = new Map<string, Intl.NumberFormat | Intl.DateTimeFormat>()
function numberFormat(locale: string, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  const key = `n|${locale}|${JSON.stringify(options)}`
  let f = cache.get(key) as Intl.NumberFormat | undefined
  if (!f) cache.set(key, (f = new Intl.NumberFormat(locale, options)))
  return f
}
function dateFormat(locale: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `d|${locale}|${JSON.stringify(options)}`
  let f = cache.get(key) as Intl.DateTimeFormat | undefined
  // Study days are calendar dates stored as UTC midnights: format them in UTC.
  if (!f) cache.set(key, (f = new Intl.DateTimeFormat(locale, { ...options, timeZone: 'UTC' })))
  return f
}

export const formatInteger = (locale: string, n: number) => numberFormat(locale, { maximumFractionDigits: 0 }).format(n)

export const formatDecimal = (locale: string, n: number, digits = 1) =>
  numberFormat(locale, { maximumFractionDigits: digits, minimumFractionDigits: 0 }).format(n)

/** 0.934 → "93,4 %" (fr) or "93.4%" (en); null → the dash used for "no data". */
export function formatPercent(locale: string, share: number | null, digits = 1): string {
  if (share === null || !Number.isFinite(share)) return '—'
  return numberFormat(locale, { style: 'percent', maximumFractionDigits: digits, minimumFractionDigits: 0 }).format(share)
}

/** 0.95, 1 → "95–100 %" (fr) or "95% – 100%" (en): a range of shares, as each language writes it. */
export function formatPercentRange(locale: string, from: number, to: number): string {
  return numberFormat(locale, { style: 'percent', maximumFractionDigits: 0 }).formatRange(from, to)
}

/** Time spent: "45 s", "12 min", "3 h 05 min". */
export function formatSpent(locale: string, ms: number): string {
  const unit = (value: number, u: 'hour' | 'minute' | 'second') =>
    numberFormat(locale, { style: 'unit', unit: u, unitDisplay: 'short', maximumFractionDigits: 0 }).format(value)
  const seconds = Math.round(ms / 1000)
  if (seconds < 60) return unit(seconds, 'second')
  const minutes = Math.round(seconds / 60)
  if (minutes < 60) return unit(minutes, 'minute')
  return `${unit(Math.floor(minutes / 60), 'hour')} ${unit(minutes % 60, 'minute')}`
}

/** A duration in days, rounded for reading: "12 h", "4,5 j"-like via Intl units. */
export function formatDays(locale: string, days: number): string {
  if (days < 1) return numberFormat(locale, { style: 'unit', unit: 'hour', unitDisplay: 'short', maximumFractionDigits: 0 }).format(days * 24)
  if (days < 60) return numberFormat(locale, { style: 'unit', unit: 'day', unitDisplay: 'short', maximumFractionDigits: days < 10 ? 1 : 0 }).format(days)
  if (days < 730) return numberFormat(locale, { style: 'unit', unit: 'month', unitDisplay: 'short', maximumFractionDigits: 1 }).format(days / 30.44)
  return numberFormat(locale, { style: 'unit', unit: 'year', unitDisplay: 'short', maximumFractionDigits: 1 }).format(days / 365.25)
}

/** "26 nov." */
export const formatDayShort = (locale: string, day: number) => dateFormat(locale, { day: 'numeric', month: 'short' }).format(studyDayDate(day))

/** "jeudi 26 novembre 2026" */
export const formatDayLong = (locale: string, day: number) =>
  dateFormat(locale, { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' }).format(studyDayDate(day))

/** "nov." */
export const formatMonth = (locale: string, day: number) => dateFormat(locale, { month: 'short' }).format(studyDayDate(day))

/** "lun." for the row labels of the calendar (0 = Monday). */
export const formatWeekday = (locale: string, mondayIndex: number) =>
  dateFormat(locale, { weekday: 'narrow' }).format(studyDayDate(4 + mondayIndex))
