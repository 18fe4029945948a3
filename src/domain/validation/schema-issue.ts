// What a valibot issue means, for a learner: one kind out of a short list, the field it is about and
// the value found, with valibot's own words kept as the technical detail. The one place the app
// reads valibot's issues (backups, imported rows, the card editor); the interface words the kinds
// (src/i18n/issue-text.ts).
import type * as v from 'valibot'

export type IssueKind =
  | 'missing'
  | 'unknownField'
  | 'notText'
  | 'notNumber'
  | 'notWholeNumber'
  | 'notYesNo'
  | 'notList'
  | 'notGroup'
  | 'notOneOf'
  | 'tooSmall'
  | 'tooLarge'
  | 'empty'
  | 'tooLong'
  | 'badFormat'
  | 'futureDate'
  | 'invalidDate'
  | 'endsBeforeStart'
  | 'invalid'

export interface SchemaIssue {
  kind: IssueKind
  /** Keys from the checked value down to the field: ['reviews', 0, 'grade']. */
  keys: Array<string | number>
  /** The last named key ('grade'), or null at the top. */
  field: string | null
  /** The value found, written short as valibot writes it: 9, "3", null, undefined. */
  received: string
  /** For notOneOf: the values allowed, as written in the schema ('1', '"basic"'). */
  allowed?: string[]
  /** For tooSmall, tooLarge and tooLong: the bound. */
  limit?: number
  /** For futureDate: the date found (epoch ms). */
  valueMs?: number
  /** valibot's message, in English: the technical detail behind "Details". */
  technical: string
}

/** Custom checks carry one of these as their message, so that the mapping recognises them. */
export const CHECK = {
  futureDate: 'check:futureDate',
  invalidDate: 'check:invalidDate',
  finishedBeforeStart: 'check:finishedBeforeStart',
} as const

/** The custom checks' codes, in words for the technical detail. */
const CHECK_WORDS: Record<string, string> = {
  [CHECK.futureDate]: 'Invalid date: in the future (beyond a day of clock skew)',
  [CHECK.invalidDate]: 'Invalid date: not a whole number of ms since 2000-01-01',
  [CHECK.finishedBeforeStart]: 'Invalid interview: finishedAt is before startedAt',
}

const clip = (s: string) => (s.length > 60 ? `${s.slice(0, 57)}…` : s)

const TYPE_KINDS: Record<string, IssueKind> = {
  string: 'notText',
  number: 'notNumber',
  finite: 'notNumber',
  integer: 'notWholeNumber',
  boolean: 'notYesNo',
  array: 'notList',
  object: 'notGroup',
  loose_object: 'notGroup',
  strict_object: 'notGroup',
  picklist: 'notOneOf',
  literal: 'notOneOf',
  variant: 'notOneOf',
  min_value: 'tooSmall',
  max_value: 'tooLarge',
  non_empty: 'empty',
  min_length: 'empty',
  max_length: 'tooLong',
  regex: 'badFormat',
}

function kindOf(issue: v.BaseIssue<unknown>): IssueKind {
  if (issue.message === CHECK.futureDate) return 'futureDate'
  if (issue.message === CHECK.invalidDate) return 'invalidDate'
  if (issue.message === CHECK.finishedBeforeStart) return 'endsBeforeStart'
  const objectKey = issue.kind === 'schema' && issue.type.endsWith('object') && (issue.path?.length ?? 0) > 0 && issue.expected !== 'Object'
  if (objectKey && issue.expected === 'never') return 'unknownField'
  if (issue.received === 'undefined' && (objectKey || issue.kind === 'schema')) return 'missing'
  // A union of text and a { fr, en } object (localized text): text is what a learner knows it as.
  if (issue.type === 'union') return /\bstring\b/.test(issue.expected ?? '') ? 'notText' : 'invalid'
  return TYPE_KINDS[issue.type] ?? 'invalid'
}

/** `prefix`: keys above the value that was checked (a backup row's table and index). */
export function schemaIssue(issue: v.BaseIssue<unknown>, prefix: ReadonlyArray<string | number> = []): SchemaIssue {
  const keys = [...prefix, ...(issue.path ?? []).map((p) => p.key as string | number)]
  const field = [...keys].reverse().find((k): k is string => typeof k === 'string') ?? null
  const kind = kindOf(issue)
  const out: SchemaIssue = { kind, keys, field, received: clip(issue.received), technical: clip(CHECK_WORDS[issue.message] ?? issue.message) }
  if (kind === 'notOneOf' && issue.expected) out.allowed = issue.expected.replace(/^\(|\)$/g, '').split(' | ')
  const requirement = (issue as { requirement?: unknown }).requirement
  if ((kind === 'tooSmall' || kind === 'tooLarge' || kind === 'tooLong') && typeof requirement === 'number') out.limit = requirement
  if (kind === 'futureDate' && typeof issue.input === 'number') out.valueMs = issue.input
  return out
}

/** `['reviews', 12, 'before', 'state']` → `reviews[12].before.state`, as a developer reads it. */
export function formatKeys(keys: ReadonlyArray<string | number>): string {
  let out = ''
  for (const k of keys) out += typeof k === 'number' ? `[${k}]` : out === '' ? k : `.${k}`
  return out || '(root)'
}
