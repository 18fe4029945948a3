// What can be wrong with a backup file, as plain values the interface words in each language.
import type * as v from 'valibot'
import type { BackupTableName } from './format'

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
  | { code: 'missing'; path: string; rowId?: string }
  | { code: 'unexpectedField'; path: string; rowId?: string }
  | { code: 'wrongType'; path: string; expected: string; received: string; rowId?: string }
  | { code: 'invalidValue'; path: string; expected: string; received: string; rowId?: string }
  | { code: 'futureDate'; path: string; valueMs: number; rowId?: string }
  | { code: 'invalidDate'; path: string; received: string; rowId?: string }
  | { code: 'finishedBeforeStart'; path: string; rowId?: string }
  | { code: 'countMismatch'; table: BackupTableName; declared: number; found: number }
  | { code: 'duplicateId'; table: BackupTableName; id: string; path: string }
  | { code: 'unknownCard'; path: string; cardId: string }
  | { code: 'unknownDeck'; path: string; deckId: string }
  | { code: 'noSchedule'; path: string; cardId: string }

export type BackupProblemCode = BackupProblem['code']

/** Custom checks carry their code as the valibot message, so the mapping below can recognise them. */
export const CHECK = {
  futureDate: 'check:futureDate',
  invalidDate: 'check:invalidDate',
  finishedBeforeStart: 'check:finishedBeforeStart',
} as const

/** At most this many problems are collected: enough to fix a file, never a 50 MB list. */
export const MAX_PROBLEMS = 20

const clip = (s: string) => (s.length > 60 ? `${s.slice(0, 57)}…` : s)

/** `['reviews', 12, 'before', 'state']` → `reviews[12].before.state` (what the learner reads). */
export function formatPath(keys: ReadonlyArray<string | number>): string {
  let out = ''
  for (const k of keys) out += typeof k === 'number' ? `[${k}]` : out === '' ? k : `.${k}`
  return out || '(root)'
}

export function problemFromIssue(issue: v.BaseIssue<unknown>, prefix: ReadonlyArray<string | number>, rowId?: string): BackupProblem {
  const keys = [...prefix, ...(issue.path ?? []).map((p) => p.key as string | number)]
  const path = formatPath(keys)
  const withRow = <T extends object>(p: T) => (rowId === undefined ? p : { ...p, rowId })
  const input = issue.input
  if (issue.message === CHECK.futureDate && typeof input === 'number') return withRow({ code: 'futureDate', path, valueMs: input })
  if (issue.message === CHECK.invalidDate) return withRow({ code: 'invalidDate', path, received: clip(issue.received) })
  if (issue.message === CHECK.finishedBeforeStart) return withRow({ code: 'finishedBeforeStart', path })
  if (issue.kind === 'schema' && issue.received === 'undefined' && issue.type.endsWith('object')) return withRow({ code: 'missing', path })
  if (issue.kind === 'schema' && issue.expected === 'never') return withRow({ code: 'unexpectedField', path })
  const expected = clip(issue.expected ?? issue.type.replace(/_/g, ' '))
  const code = issue.kind === 'schema' ? 'wrongType' : 'invalidValue'
  return withRow({ code, path, expected, received: clip(issue.received) })
}
