// Display formats that depend on the language: intervals, "when" and durations.
import type { Composer } from 'petite-vue-i18n'
import type { LimitNote } from '../domain/queue/limit-notes'
import { intervalLabel } from '../domain/scheduling/format-interval'

type T = Composer['t']

export function formatInterval(t: T, locale: string, ms: number): string {
  const { unit, value } = intervalLabel(ms)
  return t(`interval.${unit}`, { n: value.toLocaleString(locale) })
}

export function formatWhen(t: T, locale: string, atMs: number, nowMs: number): string {
  const diff = atMs - nowMs
  if (diff < 60 * 60_000) return t('when.inMinutes', { n: Math.max(1, Math.ceil(diff / 60_000)) })
  const at = new Date(atMs)
  if (diff < 20 * 60 * 60_000) {
    return t('when.at', { time: at.toLocaleTimeString(locale, { hour: '2-digit', minute: '2-digit' }) })
  }
  return t('when.on', { date: at.toLocaleDateString(locale, { weekday: 'long', day: 'numeric', month: 'long' }) })
}

export function formatDuration(locale: string, ms: number): string {
  const totalSeconds = Math.round(ms / 1000)
  const minutes = Math.floor(totalSeconds / 60)
  const seconds = totalSeconds % 60
  const unit = (value: number, u: 'minute' | 'second') =>
    new Intl.NumberFormat(locale, { style: 'unit', unit: u, unitDisplay: 'short' }).format(value)
  return minutes > 0 ? `${unit(minutes, 'minute')} ${unit(seconds, 'second')}` : unit(seconds, 'second')
}

/** 12345 → "12 345" (fr) or "12,345" (en): counts shown in a sentence. */
export function formatNumber(locale: string, n: number): string {
  return n.toLocaleString(locale)
}

/** Which daily limit keeps cards back and how many wait: home's line and the review's end screen. */
export function formatLimitNote(t: T, note: LimitNote): string {
  const perDay = t(note.kind === 'new' ? 'home.limit.newPerDay' : 'home.limit.reviewsPerDay', { n: note.perDay }, note.perDay)
  const limit = note.extraToday > 0 ? t('home.limit.withExtra', { limit: perDay, n: note.extraToday }) : perDay
  const waiting = t('home.limit.waiting', { n: note.waiting }, note.waiting)
  return t(note.reached ? 'home.limit.reached' : 'home.limit.applies', { limit, waiting })
}
