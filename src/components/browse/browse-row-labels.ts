// Labels for Browse's rows, prepared once per language: a row then formats nothing expensive,
// which keeps scrolling through 10,000 cards smooth.
import type { Composer } from 'petite-vue-i18n'

type T = Composer['t']
const SLOT = '\u0000'

export interface RowLabels {
  states: readonly [string, string, string, string]
  badges: Record<'suspended' | 'buried' | 'flagged' | 'leech' | 'user', string>
  /** "Sélectionner : {question}" */
  select: (question: string) => string
  /** "échéance dans 5 min", "échéance à 14:05", "échéance le 3 déc." */
  due: (dueMs: number, nowMs: number) => string
}

export function rowLabels(t: T, locale: string): RowLabels {
  const selectText = t('browse.selectCard', { question: SLOT })
  const dueText = t('browse.due', { when: SLOT })
  const inMinutes = t('when.inMinutes', { n: SLOT })
  const at = t('when.at', { time: SLOT })
  const on = t('when.on', { date: SLOT })
  const time = new Intl.DateTimeFormat(locale, { hour: '2-digit', minute: '2-digit' })
  const day = new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'short', year: 'numeric' })
  const when = (dueMs: number, nowMs: number) => {
    const diff = dueMs - nowMs
    if (diff < 0) return on.replace(SLOT, day.format(dueMs))
    if (diff < 60 * 60_000) return inMinutes.replace(SLOT, String(Math.max(1, Math.ceil(diff / 60_000))))
    if (diff < 20 * 60 * 60_000) return at.replace(SLOT, time.format(dueMs))
    return on.replace(SLOT, day.format(dueMs))
  }
  return {
    states: [t('browse.states.new'), t('browse.states.learning'), t('browse.states.review'), t('browse.states.relearning')],
    badges: {
      suspended: t('browse.badges.suspended'),
      buried: t('browse.badges.buried'),
      flagged: t('browse.badges.flagged'),
      leech: t('browse.badges.leech'),
      user: t('browse.badges.user'),
    },
    select: (question) => selectText.replace(SLOT, question.slice(0, 80)),
    due: (dueMs, nowMs) => dueText.replace(SLOT, when(dueMs, nowMs)),
  }
}
