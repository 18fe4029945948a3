// Reads for the statistics: the review log and the schedules, page by page, folded as they come.
import { createScheduler, type SchedulerSettings } from '../domain/scheduling/scheduler'
import { createCardAccumulator, type CardTotals } from '../domain/stats/card-totals'
import { createReviewAccumulator, type ReviewDays } from '../domain/stats/review-days'
import type { PmDatabase, ReviewRow, ScheduleRow } from './database'

/** About 2,000 rows take a few tens of ms to read and fold: the page stays responsive in between. */
export const STATS_PAGE_SIZE = 2_000

/**
 * Calls onPage with every review, oldest first, a page at a time. Pages follow the reviewedAt
 * index; rows sharing the boundary timestamp are told apart by id, so none is read twice or missed.
 * The next page is requested before the current one is folded, so reading and folding overlap.
 */
export async function forEachReviewPage(
  db: PmDatabase,
  onPage: (rows: ReviewRow[]) => void | Promise<void>,
  pageSize = STATS_PAGE_SIZE,
): Promise<number> {
  const fetchPage = (from: number, limit: number) => db.reviews.where('reviewedAt').aboveOrEqual(from).limit(limit).toArray()
  let from = -Infinity
  let seenAtFrom = new Set<string>()
  let limit = pageSize
  let next: Promise<ReviewRow[]> | null = fetchPage(from, limit)
  let read = 0
  while (next) {
    const rows: ReviewRow[] = await next
    const fresh = seenAtFrom.size === 0 ? rows : rows.filter((r) => !(r.reviewedAt === from && seenAtFrom.has(r.id)))
    next = null
    if (rows.length >= limit) {
      const lastAt = fresh.length > 0 ? fresh[fresh.length - 1]!.reviewedAt : from
      if (lastAt !== from) seenAtFrom = new Set()
      for (const r of fresh) if (r.reviewedAt === lastAt) seenAtFrom.add(r.id)
      from = lastAt
      limit = pageSize + seenAtFrom.size
      next = fetchPage(from, limit)
    }
    if (fresh.length > 0) {
      await onPage(fresh)
      read += fresh.length
    }
  }
  return read
}

/** Every schedule row, a page at a time (by card id). */
export async function forEachSchedulePage(
  db: PmDatabase,
  onPage: (rows: ScheduleRow[]) => void | Promise<void>,
  pageSize = STATS_PAGE_SIZE,
): Promise<number> {
  let after: string | null = null
  let read = 0
  for (;;) {
    const query = after === null ? db.schedules.orderBy(':id') : db.schedules.where(':id').above(after)
    const rows: ScheduleRow[] = await query.limit(pageSize).toArray()
    if (rows.length > 0) {
      await onPage(rows)
      read += rows.length
      after = rows[rows.length - 1]!.cardId
    }
    if (rows.length < pageSize) return read
  }
}

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
  /** Where the time went: folding (the domain's one pass) and the whole read-and-fold. */
  timings: { foldMs: number; totalMs: number }
}

/**
 * ONE pass over the review log and one over the schedules, each read a page at a time. Runs in the
 * stats worker (or on the page where workers are missing); onProgress gets the reviews read so far.
 * In the worker, big pages are fine (fewer round trips); on the page, small ones keep it responsive.
 */
export async function foldStats(
  db: PmDatabase,
  req: StatsRequest,
  onProgress?: (reviewsRead: number) => void,
  pageSize = STATS_PAGE_SIZE,
): Promise<FoldedStats> {
  const clock = { rolloverHour: req.rolloverHour, timeZone: req.timeZone }
  // The app's scheduler (fuzz only changes intervals, not retrievability): the same recall as FSRS's.
  const scheduler = createScheduler(req.scheduler, { fuzz: true })
  const reviews = createReviewAccumulator(req.nowMs, clock)
  const cards = createCardAccumulator(req.nowMs, clock, scheduler.retrievability)
  const started = performance.now()
  let foldMs = 0
  let read = 0
  // The log and the schedules are read side by side: two read-only transactions can overlap.
  const [reviewCount] = await Promise.all([
    forEachReviewPage(
      db,
      (rows) => {
        const t = performance.now()
        for (const r of rows) reviews.add(r)
        foldMs += performance.now() - t
        read += rows.length
        onProgress?.(read)
      },
      pageSize,
    ),
    forEachSchedulePage(
      db,
      (rows) => {
        const t = performance.now()
        for (const s of rows) cards.add(s)
        foldMs += performance.now() - t
      },
      pageSize,
    ),
  ])
  const timings = { foldMs, totalMs: performance.now() - started }
  return { today: reviews.today, reviewCount, reviewsByDeck: reviews.byDeck(), cardsByDeck: cards.byDeck(), timings }
}

