// The valibot schema of a backup file: the header, then each table's rows (loose: fields added by
// other features travel untouched, but every field the app relies on is checked).
import * as v from 'valibot'
import { CardState } from '../scheduling/schedule'
import { DAY_MS } from '../time/study-day'
import { BACKUP_FORMAT, BACKUP_TABLES, type BackupTableName } from './format'
import { CHECK } from '../validation/schema-issue'

/** No review of this app can predate 2000-01-01. */
export const MIN_DATE_MS = Date.UTC(2000, 0, 1)
/** Clocks of two devices disagree a little; a date further ahead than this is refused. */
export const CLOCK_SKEW_MS = DAY_MS
/** A due date may lie a century ahead (the longest interval is 36,500 days). */
const MAX_DUE_AHEAD_MS = 101 * 365 * DAY_MS

const text = v.string()
const id = v.pipe(v.string(), v.nonEmpty())
const count = v.pipe(v.number(), v.integer(), v.minValue(0))
const real = v.pipe(v.number(), v.finite())
const nonNegative = v.pipe(v.number(), v.finite(), v.minValue(0))
const grade = v.picklist([1, 2, 3, 4])
const cardState = v.picklist(Object.values(CardState))

/** An epoch-ms date between 2000 and `maxMs`. */
function date(maxMs: number) {
  return v.pipe(
    v.number(),
    v.check((n) => Number.isInteger(n) && n >= MIN_DATE_MS, CHECK.invalidDate),
    v.check((n) => n <= maxMs, CHECK.futureDate),
  )
}

const localized = v.union([text, v.looseObject({ fr: text, en: v.optional(text) })])

const content = v.variant('kind', [
  v.looseObject({ kind: v.literal('basic'), front: localized, back: localized }),
  v.looseObject({ kind: v.literal('cloze'), text: localized, extra: v.optional(localized) }),
  v.looseObject({
    kind: v.literal('choice'),
    question: localized,
    options: v.array(v.looseObject({ text: localized, correct: v.optional(v.boolean()) })),
    explanation: localized,
  }),
  v.looseObject({ kind: v.literal('interview'), question: localized, answer: localized, keyPoints: v.array(localized) }),
])

/** Header: everything but the rows, which are checked one by one (precise paths, early stop). */
export function headerSchema(nowMs: number) {
  const counts = v.strictObject(Object.fromEntries(BACKUP_TABLES.map((t) => [t, count])) as Record<BackupTableName, typeof count>)
  const rows = v.array(v.unknown())
  const tables = v.strictObject(Object.fromEntries(BACKUP_TABLES.map((t) => [t, rows])) as Record<BackupTableName, typeof rows>)
  return v.strictObject({
    format: v.literal(BACKUP_FORMAT),
    formatVersion: v.number(),
    exportedAt: date(nowMs + CLOCK_SKEW_MS),
    appVersion: v.optional(text),
    counts,
    tables,
  })
}

function memoryEntries(pastMs: number, futureMs: number) {
  return {
    due: date(futureMs),
    stability: nonNegative,
    difficulty: nonNegative,
    elapsedDays: nonNegative,
    scheduledDays: nonNegative,
    learningSteps: count,
    reps: count,
    lapses: count,
    state: cardState,
    lastReview: v.nullable(date(pastMs)),
  }
}

/** One schema a table; `exportedAt` bounds every date that records something that happened. */
export function rowSchemas(exportedAt: number) {
  const past = exportedAt + CLOCK_SKEW_MS
  const future = exportedAt + MAX_DUE_AHEAD_MS
  const memory = v.looseObject(memoryEntries(past, future))
  const schedule = v.looseObject({
    ...memoryEntries(past, future),
    cardId: id,
    deckId: id,
    position: real,
    suspended: v.boolean(),
    buriedUntilDay: count,
    retired: v.boolean(),
    // Backups made before flags had colours say `flagged`; newer ones `flag` (0 none, 1-7).
    flagged: v.optional(v.boolean()),
    flag: v.optional(v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(7))),
    version: count,
  })
  return {
    decks: v.looseObject({
      id,
      title: localized,
      description: v.optional(localized),
      origin: v.picklist(['builtin', 'user']),
      contentHash: text,
      position: real,
      retired: v.boolean(),
      hidden: v.optional(v.boolean()),
    }),
    cards: v.looseObject({
      id,
      deckId: id,
      entryId: text,
      ord: count,
      source: text,
      tags: v.array(text),
      position: real,
      hash: text,
      origin: v.picklist(['builtin', 'user']),
      retired: v.boolean(),
      content,
    }),
    schedules: schedule,
    reviews: v.looseObject({
      id,
      cardId: id,
      deckId: id,
      grade,
      reviewedAt: date(past),
      durationMs: count,
      before: schedule,
      after: memory,
      afterVersion: count,
    }),
    mockInterviews: v.pipe(
      v.looseObject({
        id,
        startedAt: date(past),
        // null: a mock interview left midway, which can be resumed.
        finishedAt: v.nullable(date(past)),
        mode: v.picklist(['review', 'practice']),
        cardIds: v.optional(v.array(id)),
        timeLimitMs: v.optional(count),
        answers: v.array(
          v.looseObject({
            cardId: id,
            deckId: id,
            topic: v.optional(text),
            covered: v.array(count),
            total: count,
            grade,
            durationMs: count,
            answeredAt: v.optional(date(past)),
            notes: v.optional(text),
            reviewId: v.optional(id),
          }),
        ),
      }),
      v.check((m) => m.finishedAt === null || m.finishedAt >= m.startedAt, CHECK.finishedBeforeStart),
    ),
    settings: v.variant('key', [
      v.looseObject({
        key: v.literal('settings'),
        value: v.looseObject({
          desiredRetention: v.optional(real),
          learningSteps: v.optional(v.array(text)),
          relearningSteps: v.optional(v.array(text)),
          maximumIntervalDays: v.optional(real),
          newPerDay: v.optional(real),
          reviewsPerDay: v.optional(real),
          rolloverHour: v.optional(real),
          language: v.optional(text),
          studyLanguage: v.optional(text),
          theme: v.optional(text),
          leechThreshold: v.optional(real),
          leechAction: v.optional(text),
        }),
      }),
      v.looseObject({ key: v.pipe(id, v.check((k) => k !== 'settings')), value: v.unknown() }),
    ]),
    meta: v.variant('key', [
      v.looseObject({ key: v.literal('lastBackupAt'), value: date(past) }),
      v.looseObject({ key: v.pipe(id, v.check((k) => k !== 'lastBackupAt')), value: v.unknown() }),
    ]),
  } satisfies Record<BackupTableName, v.GenericSchema>
}

type Schemas = ReturnType<typeof rowSchemas>
export type ReviewLike = v.InferOutput<Schemas['reviews']>
export type ScheduleLike = v.InferOutput<Schemas['schedules']>
