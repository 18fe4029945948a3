// The IndexedDB schema. Versions are only ever appended; each upgrade has a test (tests/db).
import Dexie, { type EntityTable, type Table } from 'dexie'
import type { CardContent } from '../domain/content/card'
import type { LocalizedText } from '../domain/content/localized'
import type { GradeValue, MemoryState, Schedule } from '../domain/scheduling/schedule'
import type { ReviewDaysRow, ReviewFactsRow, StatsCacheRow } from './stats-cache'
import type { SyncRecord } from '../domain/sync/records'

export interface DeckRow {
  id: string
  title: LocalizedText
  description?: LocalizedText
  origin: 'builtin' | 'user'
  /** Content hash of the built-in deck file last synced. */
  contentHash: string
  /** Order on the home screen. */
  position: number
  /** The deck left the built-in set: kept with its history, not shown. */
  retired: boolean
  /** The learner hid this built-in deck: not on home nor studied; cards and history kept. */
  hidden?: boolean
}

export interface CardRow extends CardContent {
  origin: 'builtin' | 'user'
  retired: boolean
}

export type ScheduleRow = Schedule

export interface ReviewRow {
  /** Globally unique, so logs from two devices can be merged by id. */
  id: string
  cardId: string
  deckId: string
  grade: GradeValue
  reviewedAt: number
  durationMs: number
  /** The whole schedule before the answer: undo restores exactly this. */
  before: ScheduleRow
  /** The memory state the answer produced. */
  after: MemoryState
  /** Version of the schedule row this answer wrote; undo refuses if the row moved on since. */
  afterVersion: number
}

export interface SettingRow {
  key: string
  value: unknown
}

/** Small app facts that are not settings: last backup date, interview date, and so on. */
export interface MetaRow {
  key: string
  value: unknown
}

export interface MockAnswerRow {
  cardId: string
  deckId: string
  /** The question's topic (the section of the material it cites), kept for the history. */
  topic: string
  /** Indexes of the key points the learner ticked. */
  covered: number[]
  total: number
  grade: GradeValue
  /** Time spent answering, pauses left out (not capped, unlike a review's). */
  durationMs: number
  answeredAt: number
  /** The learner's notes, when they wrote some. */
  notes?: string
  /** The review log entry the answer wrote ('review' mode only). */
  reviewId?: string
}

/** One mock interview, kept to show progress over time. */
export interface MockInterviewRow {
  id: string
  startedAt: number
  /** null while under way: a mock interview left midway can be resumed. */
  finishedAt: number | null
  /** 'review': answers went through the review transaction; 'practice': schedules untouched. */
  mode: 'review' | 'practice'
  /** The questions drawn at the start, in the order asked. */
  cardIds: string[]
  /** Time allowed per question, in ms (0: no limit). */
  timeLimitMs: number
  answers: MockAnswerRow[]
}

/** A change waiting to be pushed to the sync space, written in the same transaction as the change. */
export interface SyncOutboxRow {
  seq?: number
  /** The change's id on the server: a retried push is stored once. */
  id: string
  record: SyncRecord
}

/** Sync bookkeeping (the space key, the cursor, the last result): never backed up. */
export interface SyncStateRow {
  key: string
  value: unknown
}

/** The winning stamp of one register field (`entity:key:field`). */
export interface SyncStampRow {
  key: string
  hlc: string
}

/** An answer or a reset removed by an undo, on this device or another: it never comes back. */
export interface SyncRemovedRow {
  id: string
  cardId: string
}

/** A card reset (forget) as a step of its log, replayed with its answers. */
export interface SyncResetRow {
  id: string
  cardId: string
  at: number
}

/** A change that could not be read here (another app version, or tampering): kept apart, shown. */
export interface SyncSetAsideRow {
  seq?: number
  changeId: string
  reason: 'decrypt' | 'version' | 'invalid'
  at: number
}

/** Sync's tables: this device's bookkeeping (and the space key), never backed up. */
export const SYNC_TABLES = ['syncOutbox', 'syncState', 'syncStamps', 'syncRemoved', 'syncResets', 'syncSetAside'] as const

export const DB_NAME = 'pm-cards'

export class PmDatabase extends Dexie {
  decks!: EntityTable<DeckRow, 'id'>
  cards!: EntityTable<CardRow, 'id'>
  schedules!: EntityTable<ScheduleRow, 'cardId'>
  reviews!: EntityTable<ReviewRow, 'id'>
  settings!: EntityTable<SettingRow, 'key'>
  meta!: EntityTable<MetaRow, 'key'>
  mockInterviews!: EntityTable<MockInterviewRow, 'id'>
  /** Derived from reviews and schedules for the statistics (src/db/stats-cache.ts); never backed up. */
  statsCache!: Table<StatsCacheRow, StatsCacheRow['key']>
  reviewFacts!: EntityTable<ReviewFactsRow, 'seq'>
  reviewDays!: EntityTable<ReviewDaysRow, 'seq'>
  /** Sync between devices (src/sync, src/db/sync-*.ts); never backed up. */
  syncOutbox!: EntityTable<SyncOutboxRow, 'seq'>
  syncState!: EntityTable<SyncStateRow, 'key'>
  syncStamps!: EntityTable<SyncStampRow, 'key'>
  syncRemoved!: EntityTable<SyncRemovedRow, 'id'>
  syncResets!: EntityTable<SyncResetRow, 'id'>
  syncSetAside!: EntityTable<SyncSetAsideRow, 'seq'>

  constructor(name = DB_NAME) {
    // Strict durability: a grade is on disk when the transaction completes, even if the tab dies.
    super(name, { chromeTransactionDurability: 'strict', cache: 'disabled' })
    // Versions 1-3 (2026-11-26: the first schema; app facts and mock interviews; the statistics
    // cache) only added tables. Dexie (3+) reads an installed database's schema from the database
    // itself and needs only the versions that carry an upgrade, so they live on as version 4's
    // schema: two versions to build on every start instead of five (Dexie's first task of the
    // start, ~70 ms at 4x CPU, was mostly this). A database at version 1, 2 or 3 still opens and
    // keeps every row (tests/db/migrations.test.ts).
    //
    // 2026-12-04: flags take Anki's seven colours (schedule.flag, 1-7). A card flagged before
    // (`flagged: true`) becomes red, Anki's first flag; `flagged` goes away. No index changes.
    this.version(4)
      .stores({
        decks: 'id, position',
        cards: 'id, deckId',
        schedules: 'cardId, [state+due], [deckId+state], due',
        reviews: 'id, cardId, reviewedAt',
        settings: 'key',
        meta: 'key',
        mockInterviews: 'id, startedAt',
        statsCache: 'key',
        reviewFacts: 'seq',
        reviewDays: 'seq',
      })
      .upgrade((tx) =>
        tx
          .table('schedules')
          .toCollection()
          .modify((s: ScheduleRow & { flagged?: boolean }) => {
            if (!('flagged' in s)) return
            if (s.flagged && !s.flag) s.flag = 1
            delete s.flagged
          }),
      )
    // 2026-12-04: sync between a learner's devices (issue 18): the outbox of changes to push, the
    // winning stamps of the registers, undo tombstones, resets as log events, changes set aside,
    // and the space's bookkeeping. No data moves.
    this.version(5).stores({
      syncOutbox: '++seq',
      syncState: 'key',
      syncStamps: 'key',
      syncRemoved: 'id',
      syncResets: 'id, cardId',
      syncSetAside: '++seq',
    })
  }
}

let instance: PmDatabase | null = null

/** The app's database, opened on first use. */
export function getDb(): PmDatabase {
  instance ??= new PmDatabase()
  return instance
}
