// Words a backup problem for the learner: what is wrong, where (the card, the line of the file), what
// to do; the technical detail goes behind "Details".
import type { Composer } from 'petite-vue-i18n'
import { pickText, type StudyLanguage } from '../../domain/content/localized'
import { technicalDetail, type BackupProblem, type RowPlace } from '../../domain/backup/problems'
import { formatNumber } from '../../i18n/format'
import { issueText } from '../../i18n/issue-text'
import { clipText, type ProblemLine } from '../app/problem-line'

type T = Composer['t']

export function formatBytes(locale: string, n: number): string {
  const [value, unit] = n >= 1e6 ? [n / 1e6, 'megabyte'] : n >= 1e3 ? [n / 1e3, 'kilobyte'] : [n, 'byte']
  return new Intl.NumberFormat(locale, { style: 'unit', unit, maximumFractionDigits: 1 }).format(value)
}

export function formatDateTime(locale: string, ms: number): string {
  return new Date(ms).toLocaleString(locale, { day: 'numeric', month: 'long', year: 'numeric', hour: '2-digit', minute: '2-digit' })
}

const lang = (locale: string): StudyLanguage => (locale === 'en' ? 'en' : 'fr')

/** A JSON error on the very first characters: the file is no JSON at all (text, CSV, HTML), not a damaged backup. */
const notJsonAtAll = (p: BackupProblem) => p.code === 'notJson' && (p.line === null || (p.line === 1 && (p.column ?? 1) <= 2))

/** "Révision de la carte « Qu’est-ce qu’un PM ? », ligne 12 du fichier". */
function placeText(t: T, locale: string, place: RowPlace): string {
  const card = place.card ? clipText(pickText(place.card, lang(locale))) : ''
  const deck = place.deck ? clipText(pickText(place.deck, lang(locale))) : ''
  const kind = place.table === 'decks' ? (deck !== '' ? 'deck' : 'row') : card !== '' ? 'card' : 'row'
  const where = t(`data.where.${place.table}.${kind}`, { card, deck, n: formatNumber(locale, place.row) })
  return place.line === undefined ? where : t('data.where.atLine', { place: where, line: formatNumber(locale, place.line) })
}

function what(t: T, locale: string, p: BackupProblem): string {
  switch (p.code) {
    case 'tooLarge':
      return t('data.problem.tooLarge', { size: formatBytes(locale, p.bytes), max: formatBytes(locale, p.maxBytes) })
    case 'notUtf8':
      return t(p.utf16 ? 'data.problem.utf16' : 'data.problem.notUtf8')
    case 'notJson':
      return t(notJsonAtAll(p) ? 'data.problem.notBackup' : 'data.problem.notJson')
    case 'field':
      return issueText(t, locale, p.issue)
    case 'countMismatch':
      return t('data.problem.countMismatch', {
        declared: t(`data.rows.${p.table}`, { n: formatNumber(locale, p.declared) }, p.declared),
        found: t(`data.rows.${p.table}`, { n: formatNumber(locale, p.found) }, p.found),
      })
    default:
      return t(`data.problem.${p.code}`)
  }
}

function where(t: T, locale: string, p: BackupProblem): string | undefined {
  if (p.code === 'notJson' && p.line !== null && !notJsonAtAll(p)) return t('data.where.lineColumn', { line: formatNumber(locale, p.line), column: formatNumber(locale, p.column ?? 1) })
  if ('place' in p && p.place) return placeText(t, locale, p.place)
  if (p.code === 'field') return t('data.where.header')
  return undefined
}

export function problemLine(t: T, locale: string, p: BackupProblem): ProblemLine {
  const line: ProblemLine = { what: what(t, locale, p), detail: technicalDetail(p) }
  const at = where(t, locale, p)
  if (at !== undefined) line.where = at
  return line
}

/** What to do about these problems, each advice once, the most useful first. */
export function problemTodo(t: T, problems: readonly BackupProblem[]): string[] {
  const kinds = new Set<string>(
    problems.map((p) => {
      switch (p.code) {
        case 'empty':
        case 'tooLarge':
        case 'notUtf8':
        case 'notBackup':
          return 'chooseBackup'
        case 'notJson':
          return notJsonAtAll(p) ? 'chooseBackup' : 'damaged'
        case 'truncated':
          return 'truncated'
        case 'newerVersion':
          return 'update'
        default:
          return 'damaged'
      }
    }),
  )
  return ['update', 'truncated', 'damaged', 'chooseBackup'].filter((k) => kinds.has(k)).map((k) => t(`data.todo.${k}`))
}
