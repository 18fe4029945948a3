// The learner-facing message for each import problem (file-level or row-level).
import type { Composer } from 'petite-vue-i18n'
import type { RowProblem } from '../../domain/user-content/csv-table'
import type { ImportPreparation } from '../../stores/browse'

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
    case 'unreadable':
      return t('browse.import.file_.unreadable', { message: p.message })
    default:
      return t(`browse.import.file_.${p.code}`)
  }
}

export function rowMessage(t: T, locale: string, p: RowProblem): string {
  const line = p.line
  switch (p.code) {
    case 'columns':
      return t('browse.import.row.columns', { line, found: p.found, expected: p.expected.join(` ${t('browse.import.or')} `) }, p.found)
    case 'tooLong':
      return t('browse.import.row.tooLong', { line, field: t(`browse.import.fields.${p.field}`), chars: p.chars.toLocaleString(locale), max: p.max.toLocaleString(locale) }, p.chars)
    case 'tag':
      return t('browse.import.row.tag', { line, tag: p.tag })
    case 'cloze':
      return t('browse.import.row.cloze', { line, detail: p.detail })
    case 'schema':
      return t('browse.import.row.schema', { line, field: p.field, detail: p.detail })
    default:
      return t(`browse.import.row.${p.code}`, { line })
  }
}
