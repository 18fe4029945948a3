// Turns a delay into the short label a grade button shows: "<10 min", "4 j", "1,5 mois".
export type IntervalUnit = 'minute' | 'hour' | 'day' | 'month' | 'year'

export interface IntervalLabel {
  unit: IntervalUnit
  value: number
}

const MINUTE = 60_000
const HOUR = 60 * MINUTE
const DAY = 24 * HOUR

export function intervalLabel(ms: number): IntervalLabel {
  const delay = Math.max(0, ms)
  if (delay < HOUR) return { unit: 'minute', value: Math.max(1, Math.round(delay / MINUTE)) }
  if (delay < DAY) return { unit: 'hour', value: Math.round(delay / HOUR) }
  const days = Math.round(delay / DAY)
  if (days < 30) return { unit: 'day', value: days }
  if (days < 365) return { unit: 'month', value: Math.round((days / 30) * 10) / 10 }
  return { unit: 'year', value: Math.round((days / 365) * 10) / 10 }
}
