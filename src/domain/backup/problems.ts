// What can be wrong with a backup file, as plain values the interface words in each language: what
// is wrong, where (the row, its line in the file, the card it is about), and the technical detail.
import type { LocalizedText } from '../content/localized'
import { formatKeys, type SchemaIssue } from '../validation/schema-issue'
import type { BackupTableName } from './format'

/** Where a problem lies, in the learner's terms. */
export interface RowPlace {
  table: BackupTableName
  /** 1-based, as a learner counts: the file's 3rd review is row 3. */
  row: number
  /** The row's id (its primary key), when it has one. */
  id?: string
  /** The line of the file the row is on (1-based), when the file is laid out one row a line as the app writes it. */
  line?: number
  /** The card the row is about (the card, its schedule, a review of it): its question. */
  card?: LocalizedText
  /** A deck row's title. */
  deck?: LocalizedText
}

export type BackupProblem =
  | { code: 'empty' }
  | { code: 'tooLarge'; bytes: number; maxBytes: number }
  | { code: 'notUtf8'; byteOffset: number; utf16: boolean }
  | { code: 'notJson'; line: number | null; column: number | null }
  | { code: 'truncated' }
  | { code: 'notBackup' }
  | { code: 'forbiddenKey'; path: string; key: string }
  | { code: 'newerVersion'; found: number; supported: number }
  | { code: 'badVersion'; found: string }
  | { code: 'field'; path: string; issue: SchemaIssue; place?: RowPlace }
  | { code: 'countMismatch'; table: BackupTableName; declared: number; found: number }
  | { code: 'duplicateId'; table: BackupTableName; id: string; path: string; place?: RowPlace }
  | { code: 'unknownCard'; path: string; cardId: string; place?: RowPlace }
  | { code: 'unknownDeck'; path: string; deckId: string; place?: RowPlace }
  | { code: 'noSchedule'; path: string; cardId: string; place?: RowPlace }

export type BackupProblemCode = BackupProblem['code']

/** At most this many problems are collected: enough to fix a file, never a 50 MB list. */
export const MAX_PROBLEMS = 20

/** A valibot issue (read by the one mapper, src/domain/validation) in a row or in the header. */
export function problemFromIssue(issue: SchemaIssue): BackupProblem {
  return { code: 'field', path: formatKeys(issue.keys), issue }
}

/** What the problem is, as a developer reads it (in English): the "Details" of the message. */
export function technicalDetail(p: BackupProblem): string {
  const id = 'place' in p && p.place?.id !== undefined ? ` (id ${p.place.id})` : ''
  switch (p.code) {
    case 'empty':
      return 'the file is empty (0 bytes)'
    case 'tooLarge':
      return `${p.bytes} bytes; the limit is ${p.maxBytes}`
    case 'notUtf8':
      return p.utf16 ? 'UTF-16 byte order mark at byte 0' : `byte ${p.byteOffset} is not valid UTF-8`
    case 'notJson':
      return p.line === null ? 'not JSON' : `JSON syntax error at line ${p.line}, column ${p.column ?? 1}`
    case 'truncated':
      return 'the JSON text ends before its brackets close'
    case 'notBackup':
      return '"format" is not "pm-cards-backup"'
    case 'forbiddenKey':
      return `forbidden key "${p.key}" in ${p.path}`
    case 'newerVersion':
      return `formatVersion ${p.found}; this app reads ${p.supported}`
    case 'badVersion':
      return `formatVersion: ${p.found}`
    case 'field':
      return `${p.path}: ${p.issue.technical}${id}`
    case 'countMismatch':
      return `counts.${p.table} = ${p.declared}, tables.${p.table} holds ${p.found} rows`
    case 'duplicateId':
      return `${p.path} = "${p.id}" appears twice in ${p.table}`
    case 'unknownCard':
      return `${p.path} = "${p.cardId}": no such card in the file${id}`
    case 'unknownDeck':
      return `${p.path} = "${p.deckId}": no such deck in the file${id}`
    case 'noSchedule':
      return `${p.path} (card "${p.cardId}") has no row in schedules`
  }
}
