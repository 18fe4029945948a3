// The learner-facing message for each import problem: the file's, or a row's (what is wrong, its
// line in the file and its front, the technical detail for "Details").
import type { Composer } from 'petite-vue-i18n'
import { describeClozeIssue } from '../../domain/content/cloze'
import type { RowProblem } from '../../domain/user-content/csv-table'
import { formatKeys } from '../../domain/validation/schema-issue'
import { clozeIssueText, issueText } from '../../i18n/issue-text'
import type { ImportPreparation } from '../../stores/browse'
import { clipText, type ProblemLine } from '../app/problem-line'

type T = Composer['t']
export type FileProblem = Extract<ImportPreparation, { ok: false }>['problem']

function size(locale: string, bytes: number): string {
  const mb = bytes >= 1e6
  return new Intl.NumberFormat(locale, { style: 'unit', unit: mb ? 'megabyte' : 'kilobyte', maximumFractionDigits: 1 }).format(mb ? bytes / 1e6 : bytes / 1e3)
}

export function fileMessage(t: T, locale: string, p: FileProblem): string {
  switch (p.code) {
    case 'tooLarge':
      return t('browse.import.file_.tooLarge', { size: size(locale, p.bytes), max: size(locale, p.maxBytes) })
    case 'encoding':
      return t('browse.import.file_.encoding', { line: p.line })
    case 'tooManyRows':
      return t('browse.import.file_.tooManyRows', { max: p.max.toLocaleString(locale) }, p.max)
    default:
      return t(`browse.import.file_.${p.code}`)
  }
}

/** A file problem as AppProblems shows it: the browser's own error, when there is one, under "Details". */
export function fileProblem(t: T, locale: string, p: FileProblem): ProblemLine {
  return p.code === 'unreadable' ? { what: fileMessage(t, locale, p), detail: p.message } : { what: fileMessage(t, locale, p) }
}

function rowWhat(t: T, locale: string, p: RowProblem): string {
  switch (p.code) {
    case 'columns':
      return t('browse.import.row.columns', { found: p.found, expected: new Intl.ListFormat(locale, { type: 'disjunction' }).format(p.expected.map(String)) }, p.found)
    case 'tooLong':
      return t('browse.import.row.tooLong', { field: t(`browse.import.fields.${p.field}`), chars: p.chars.toLocaleString(locale), max: p.max.toLocaleString(locale) }, p.chars)
    case 'tag':
      return t('browse.import.row.tag', { tag: p.tag })
    case 'cloze':
      return clozeIssueText(t, locale, p.issue)
    case 'schema':
      return issueText(t, locale, p.issue)
    default:
      return t(`browse.import.row.${p.code}`)
  }
}

export function rowMessage(t: T, locale: string, p: RowProblem): ProblemLine {
  const line = p.line.toLocaleString(locale)
  const where = p.front ? t('browse.import.whereFront', { line, front: clipText(p.front, 60) }) : t('browse.import.where', { line })
  const out: ProblemLine = { what: rowWhat(t, locale, p), where }
  if (p.code === 'cloze') out.detail = `line ${p.line}: ${describeClozeIssue(p.issue)}`
  if (p.code === 'schema') out.detail = `line ${p.line}: ${formatKeys(p.issue.keys)}: ${p.issue.technical}`
  return out
}
