// The interview date: a calendar day, stored as epoch ms at local noon, and its day number.
import { DAY_MS, dayIndex, dayStartMs } from '../time/study-day'

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/

/** "2026-12-07" → epoch ms of noon that day in the time zone; null when the text is not a date. */
export function interviewDateMs(isoDate: string, timeZone: string): number | null {
  const m = ISO_DATE.exec(isoDate)
  if (!m) return null
  const utc = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))
  const back = new Date(utc)
  if (back.getUTCFullYear() !== Number(m[1]) || back.getUTCMonth() !== Number(m[2]) - 1 || back.getUTCDate() !== Number(m[3])) return null
  return noonOf(utc / DAY_MS, timeZone)
}

/** Noon of a calendar day in the time zone: far from the day's edges, whatever the rollover or DST. */
export function noonOf(day: number, timeZone: string): number {
  return dayStartMs(day, { rolloverHour: 12, timeZone })
}

/** The calendar day (days since 1970-01-01, local) of an instant. */
export function calendarDay(instantMs: number, timeZone: string): number {
  return dayIndex(instantMs, { rolloverHour: 0, timeZone })
}

/** Epoch ms → "2026-12-07" in the time zone, for a date input. */
export function isoDateOf(instantMs: number, timeZone: string): string {
  return new Date(calendarDay(instantMs, timeZone) * DAY_MS).toISOString().slice(0, 10)
}
