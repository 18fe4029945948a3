// The statistics cache: facts derived from the review log and the schedules, so opening the
// statistics reads a few dozen records instead of every review. Derived data: never in a backup, and
// every write that changes past reviews, or schedules without a new review, calls
// invalidateStatsCache in its own transaction. New answers need nothing: they are read as the tail.
//
// - reviewFacts: the log cut into chunks of about REVIEW_CHUNK_SIZE reviews, oldest first, each a
//   time range of the log (src/domain/stats/review-facts.ts).
// - reviewDays: for each chunk, its counters per deck and study day for the clock last used (what a
//   visit folds; recounted from reviewFacts when the clock changes).
// - statsCache: 'meta' (the chunks, the generation, the dirty cards) and 'schedules' (every
//   schedule's facts, src/domain/stats/schedule-facts.ts).
// Reads and the seal use plain IndexedDB (stats-idb.ts); invalidations run in Dexie transactions.
import {
  chunkReviewFacts,
  factsLength,
  joinReviewFacts,
  reviewDayCells,
  type ReviewDayCells,
  type ReviewFacts,
} from '../domain/stats/review-facts'
import type { ScheduleFacts } from '../domain/stats/schedule-facts'
import type { DayClock } from '../domain/time/study-day'
import type { DeckRow, PmDatabase } from './database'

/** Tables derived from the others: left out of backups and rebuilt from the log when dropped. */
export const STATS_CACHE_TABLES = ['statsCache', 'reviewFacts', 'reviewDays'] as const

/** Reviews per sealed chunk: about 120 KB of facts. */
export const REVIEW_CHUNK_SIZE = 4096

/** More dirty cards than this and the schedule facts are dropped (a full read is as cheap). */
const MAX_DIRTY_CARDS = 2000

export interface ChunkInfo {
  seq: number
  firstAt: number
  lastAt: number
  count: number
}

export interface StatsCacheMeta {
  key: 'meta'
  /** Bumped by every write to the cache: a seal prepared from an older read is dropped. */
  generation: number
  /**
   * The sealed chunks, oldest first: every review with reviewedAt up to the last chunk's lastAt (the
   * watermark) is in them, and no other.
   */
  chunks: ChunkInfo[]
  /**
   * The schedule facts are every schedule as of the watermark, except the dirty cards and the cards
   * of reviews after the watermark, which are read again. `decks` fingerprints the built-in deck rows
   * (see decksFingerprint); when it differs, every schedule is read again.
   */
  schedules: { count: number; decks: string } | null
  dirtyCardIds: string[]
}

export interface StatsCacheSchedules {
  key: 'schedules'
  facts: ScheduleFacts
}

export type StatsCacheRow = StatsCacheMeta | StatsCacheSchedules

export interface ReviewFactsRow {
  seq: number
  facts: ReviewFacts
}

export interface ReviewDaysRow {
  seq: number
  cells: ReviewDayCells
}

const emptyMeta = (generation: number): StatsCacheMeta => ({ key: 'meta', generation, chunks: [], schedules: null, dirtyCardIds: [] })

/** The cache tables, to add to the scope of a transaction that invalidates. */
export function statsCacheTables(db: PmDatabase) {
  return [db.statsCache, db.reviewFacts, db.reviewDays]
}

/**
 * What the built-in deck rows say about their schedules: deck sync (src/db/deck-sync.ts) changes
 * schedules only along with these rows (a new hash, a retired deck), and does not invalidate.
 */
export function decksFingerprint(decks: readonly DeckRow[]): string {
  return JSON.stringify(
    decks
      .filter((d) => d.origin === 'builtin')
      .map((d) => [d.id, d.contentHash, d.retired])
      .sort((a, b) => (a[0]! < b[0]! ? -1 : a[0]! > b[0]! ? 1 : 0)),
  )
}

export interface StatsChange {
  /** Reviews at or after this instant were removed, changed, or added in the past. */
  reviewsFromMs?: number
  /** Cards whose schedule changed, appeared or went without a new review. */
  cardIds?: readonly string[]
  /** Everything may have changed (a restore). */
  all?: boolean
}

/**
 * Makes the cache forget what a change makes stale. Call it inside the read-write transaction that
 * makes the change, with statsCacheTables(db) in its scope, so both commit or neither does.
 */
export async function invalidateStatsCache(db: PmDatabase, change: StatsChange): Promise<void> {
  const meta = (await db.statsCache.get('meta')) as StatsCacheMeta | undefined
  const next = emptyMeta((meta?.generation ?? 0) + 1)
  if (change.all) {
    await Promise.all([db.reviewFacts.clear(), db.reviewDays.clear(), db.statsCache.delete('schedules')])
    await db.statsCache.put(next)
    return
  }
  if (meta) {
    const from = change.reviewsFromMs ?? Infinity
    next.chunks = meta.chunks.filter((c) => c.lastAt < from)
    // The chunk that holds `from` keeps its reviews before it (an undo usually concerns the last
    // chunk: the next visit then reads only what follows the undone answer). Its day cells are
    // counted again on the next visit.
    const cut = meta.chunks.find((c) => c.lastAt >= from && c.firstAt < from)
    const row = cut && (await db.reviewFacts.get(cut.seq))
    if (cut && row) {
      let n = 0
      while (row.facts.reviewedAt[n]! < from) n++
      const facts = joinReviewFacts([row.facts], 0, n)
      await db.reviewFacts.put({ seq: cut.seq, facts })
      next.chunks.push({ seq: cut.seq, firstAt: cut.firstAt, lastAt: facts.reviewedAt[n - 1]!, count: n })
    }
    const kept = new Set(next.chunks.map((c) => c.seq))
    const stale = meta.chunks.filter((c) => !kept.has(c.seq) || c === cut).map((c) => c.seq)
    await Promise.all([db.reviewFacts.bulkDelete(stale.filter((seq) => !kept.has(seq))), db.reviewDays.bulkDelete(stale)])
    const dirty = new Set([...meta.dirtyCardIds, ...(change.cardIds ?? [])])
    if (meta.schedules && dirty.size <= MAX_DIRTY_CARDS) {
      next.schedules = meta.schedules
      next.dirtyCardIds = [...dirty]
    }
  }
  if (!next.schedules) await db.statsCache.delete('schedules')
  await db.statsCache.put(next)
}

/** Invalidation for reviews about to be deleted (by primary key), with their cards: reads their times first. */
export async function invalidateForDeletedReviews(db: PmDatabase, reviewIds: readonly string[], cardIds: readonly string[]): Promise<void> {
  const rows = reviewIds.length > 0 ? await db.reviews.bulkGet([...reviewIds]) : []
  let from = Infinity
  for (const r of rows) if (r && r.reviewedAt < from) from = r.reviewedAt
  await invalidateStatsCache(db, { reviewsFromMs: from, cardIds })
}

/** The cache as it was when a visit started: what a seal builds on. */
export interface StatsCacheBase {
  generation: number
  chunks: ChunkInfo[]
}

/** What a visit read past the cache, to be added to it. */
export interface StatsCacheAddition {
  /** The reviews after the watermark, in log order. */
  tail: ReviewFacts
  /** Chunks whose day cells were missing or for another clock, with their facts (read this visit). */
  recount: Map<number, ReviewFacts>
  schedules: ScheduleFacts
  decks: string
}

/** The writes of a seal. */
export interface SealPlan {
  facts: ReviewFactsRow[]
  days: ReviewDaysRow[]
  meta: StatsCacheMeta
  schedules: StatsCacheSchedules
}

/**
 * Plans adding a visit's reads to the cache: the tail joins the last chunk (when not full, its facts
 * given as lastFacts) and is cut into chunks; day cells are counted for new chunks and recounted ones;
 * the schedule facts are replaced. Written only if the cache's generation is still base.generation
 * (stats-idb.ts): an invalidation in between may concern what the visit read.
 */
export function planSeal(base: StatsCacheBase, add: StatsCacheAddition, lastFacts: ReviewFacts | null, clock: DayClock): SealPlan {
  const keep = [...base.chunks]
  const reopen: ReviewFacts[] = []
  const last = keep.at(-1)
  if (last && lastFacts && last.count < REVIEW_CHUNK_SIZE && factsLength(add.tail) > 0) {
    keep.pop()
    reopen.push(lastFacts)
  }
  const joined = factsLength(add.tail) > 0 ? chunkReviewFacts(joinReviewFacts([...reopen, add.tail]), REVIEW_CHUNK_SIZE) : []
  let seq = (keep.at(-1)?.seq ?? -1) + 1
  const facts: ReviewFactsRow[] = joined.map((f) => ({ seq: seq++, facts: f }))
  const days: ReviewDaysRow[] = []
  for (const c of keep) {
    const f = add.recount.get(c.seq)
    const cells = f && reviewDayCells(f, clock)
    if (cells) days.push({ seq: c.seq, cells })
  }
  for (const row of facts) {
    const cells = reviewDayCells(row.facts, clock)
    if (cells) days.push({ seq: row.seq, cells })
  }
  const chunks = [
    ...keep,
    ...facts.map((r) => ({ seq: r.seq, firstAt: r.facts.reviewedAt[0]!, lastAt: r.facts.reviewedAt.at(-1)!, count: factsLength(r.facts) })),
  ]
  return {
    facts,
    days,
    meta: {
      key: 'meta',
      generation: base.generation + 1,
      chunks,
      schedules: { count: add.schedules.cardIds.length, decks: add.decks },
      dirtyCardIds: [],
    },
    schedules: { key: 'schedules', facts: add.schedules },
  }
}
