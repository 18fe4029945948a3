// Words a backup problem for the learner: what is wrong, and where in the file.
import type { Composer } from 'petite-vue-i18n'
import type { BackupProblem } from '../../domain/backup/problems'
import { formatNumber } from '../../i18n/format'

type T = Composer['t']

export function formatBytes(locale: string, n: number): string {
  const [value, unit] = n >= 1e6 ? [n / 1e6, 'megabyte'] : n >= 1e3 ? [n / 1e3, 'kilobyte'] : [n, 'byte']
  return new Intl.NumberFormat(locale, { style: 'unit', unit, maximumFractionDigits: 1 }).format(value)
}

export function formatDateTime(locale: string, ms: number): string {
  return new Date(ms).toLocaleString(locale, { day: 'numeric', month: 'long', year: 'numeric', hour: '2-digit', minute: '2-digit' })
}

export function problemText(t: T, locale: string, p: BackupProblem): string {
  const base = ((): string => {
    switch (p.code) {
      case 'tooLarge':
        return t('data.problem.tooLarge', { size: formatBytes(locale, p.bytes), max: formatBytes(locale, p.maxBytes) })
      case 'notUtf8':
        return p.utf16 ? t('data.problem.utf16') : t('data.problem.notUtf8', { offset: p.byteOffset })
      case 'notJson':
        return p.line === null ? t('data.problem.notJson') : t('data.problem.notJsonAt', { line: p.line, column: p.column ?? 1 })
      case 'countMismatch':
        return t('data.problem.countMismatch', {
          declared: t(`data.rows.${p.table}`, { n: formatNumber(locale, p.declared) }, p.declared),
          found: t(`data.rows.${p.table}`, { n: formatNumber(locale, p.found) }, p.found),
        })
      case 'futureDate':
        return t('data.problem.futureDate', { path: p.path, date: formatDateTime(locale, p.valueMs) })
      case 'empty':
      case 'truncated':
      case 'notBackup':
        return t(`data.problem.${p.code}`)
      default: {
        const { code, ...params } = p
        return t(`data.problem.${code}`, params as Record<string, unknown>)
      }
    }
  })()
  return 'rowId' in p && p.rowId !== undefined ? t('data.problem.row', { message: base.replace(/\.$/, ''), id: p.rowId }) : base
}
