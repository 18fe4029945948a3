// The statistics of one visit: what stats-idb.ts reads (the cache, the reviews written after it, the
// schedules that changed) folded by src/domain/stats; then the seal adds what was read to the cache
// (stats-cache.ts), so the next visit reads less.
import { createScheduler, type SchedulerSettings } from '../domain/scheduling/scheduler'
import type { CardTotals } from '../domain/stats/card-totals'
import type { ReviewDays } from '../domain/stats/review-days'
import { foldReviewDayCells, foldReviewFacts, todayStartMs, type ReviewFacts } from '../domain/stats/review-facts'
import { foldScheduleFacts, type ScheduleFacts } from '../domain/stats/schedule-facts'
import type { DayClock } from '../domain/time/study-day'
import type { PmDatabase } from './database'
import type { StatsCacheBase } from './stats-cache'
import { readStatsInputs, sealStatsCache } from './stats-idb'

/** Reviews read a page at a time where the cache cannot serve them (the first visit, mostly). */
export const STATS_PAGE_SIZE = 2_000

/** Everything the fold needs besides the database: plain data, so it can cross to a worker. */
export interface StatsRequest {
  nowMs: number
  timeZone: string
  rolloverHour: number
  scheduler: SchedulerSettings
}

/** Per-deck figures of the whole log and of every schedule (structured-clone friendly). */
export interface FoldedStats {
  today: number
  reviewCount: number
  reviewsByDeck: Map<string, ReviewDays>
  cardsByDeck: Map<string, CardTotals>
  /**
   * Where the time went: folding (the domain's passes) and the whole read-and-fold; how many reviews
   * came from the cache, and how many reviews and schedules were read from their tables.
   */
  timings: { foldMs: number; totalMs: number; cachedReviews: number; readReviews: number; readSchedules: number }
}

/** What a visit read beyond the cache, for sealStats. */
export interface StatsSeal {
  base: StatsCacheBase
  tail: ReviewFacts
  recount: Map<number, ReviewFacts>
  schedules: ScheduleFacts
  decks: string
  clock: DayClock
}

export interface StatsRun {
  result: FoldedStats
  /** null when the cache already held everything. */
  seal: StatsSeal | null
}

/**
 * ONE visit: reads (see readStatsInputs) and folds; the seal is left to the caller, to run once the
 * figures are on their way. Runs in the stats worker on its own connection (or on the page where
 * workers are missing); onProgress gets the reviews known so far.
 */
export async function readStats(
  idb: IDBDatabase,
  req: StatsRequest,
  onProgress?: (reviewsRead: number) => void,
  pageSize = STATS_PAGE_SIZE,
): Promise<StatsRun> {
  const clock = { rolloverHour: req.rolloverHour, timeZone: req.timeZone }
  const started = performance.now()
  const input = await readStatsInputs(idb, clock, todayStartMs(req.nowMs, clock), pageSize, onProgress)
  const foldStarted = performance.now()
  const reviews =
    'cells' in input.reviews
      ? foldReviewDayCells(input.reviews.cells, input.todayReviews, req.nowMs, clock)
      : foldReviewFacts(input.reviews.facts, input.todayReviews, req.nowMs, clock)
  // The app's scheduler (fuzz only changes intervals, not retrievability): the same recall as FSRS's.
  const scheduler = createScheduler(req.scheduler, { fuzz: true })
  const cardsByDeck = foldScheduleFacts(input.schedules, req.nowMs, clock, scheduler.retrievability)
  const now = performance.now()
  return {
    result: {
      today: reviews.today,
      reviewCount: input.reviewCount,
      reviewsByDeck: reviews.byDeck,
      cardsByDeck,
      timings: {
        foldMs: now - foldStarted,
        totalMs: now - started,
        cachedReviews: input.cachedReviews,
        readReviews: input.reviewCount - input.cachedReviews,
        readSchedules: input.schedulesRead,
      },
    },
    seal: input.stale
      ? { base: input.base, tail: input.tail, recount: input.recount, schedules: input.schedules, decks: input.decks, clock }
      : null,
  }
}

/** Adds a visit's reads to the cache (false when another write to the cache came first). */
export function sealStats(idb: IDBDatabase, seal: StatsSeal): Promise<boolean> {
  return sealStatsCache(idb, seal.base, { tail: seal.tail, recount: seal.recount, schedules: seal.schedules, decks: seal.decks }, seal.clock)
}

/** readStats on the app's connection, then the cache is brought up to date. */
export async function foldStats(
  db: PmDatabase,
  req: StatsRequest,
  onProgress?: (reviewsRead: number) => void,
  pageSize = STATS_PAGE_SIZE,
): Promise<FoldedStats> {
  await db.open()
  const run = await readStats(db.backendDB(), req, onProgress, pageSize)
  if (run.seal) await sealStats(db.backendDB(), run.seal)
  return run.result
}
