// The statistics' reads, and the cache's seal, with the plain IndexedDB API on the stores Dexie
// manages (database.ts, stats-cache.ts): the stats worker then carries no Dexie and starts sooner.
// The only write here is the seal, to the cache's own stores; every other write goes through Dexie.
import {
  clockKey,
  joinReviewFacts,
  reviewDayCells,
  reviewFactsOf,
  type ReviewCardRef,
  type ReviewDayCells,
  type ReviewFacts,
} from '../domain/stats/review-facts'
import { scheduleCount, scheduleFactsOf, updateScheduleFacts, type ScheduleFacts } from '../domain/stats/schedule-facts'
import type { ScheduledCard } from '../domain/stats/card-totals'
import type { DayClock } from '../domain/time/study-day'
import type { DeckRow, ReviewRow, ScheduleRow } from './database'
import {
  decksFingerprint,
  planSeal,
  REVIEW_CHUNK_SIZE,
  type ReviewDaysRow,
  type ReviewFactsRow,
  type StatsCacheAddition,
  type StatsCacheBase,
  type StatsCacheMeta,
  type StatsCacheSchedules,
} from './stats-cache'

const done = <T>(r: IDBRequest<T>) =>
  new Promise<T>((resolve, reject) => {
    r.onsuccess = () => resolve(r.result)
    r.onerror = () => reject(r.error)
  })

/** Opens the app's database at whatever version it is; closes itself if an upgrade needs it to. */
export async function openStatsDb(name: string): Promise<IDBDatabase> {
  const idb = await done(indexedDB.open(name))
  idb.onversionchange = () => idb.close()
  return idb
}

const CACHE_STORES = ['statsCache', 'reviewFacts', 'reviewDays']
const hasCache = (idb: IDBDatabase) => CACHE_STORES.every((s) => idb.objectStoreNames.contains(s))

export interface StatsInputs {
  base: StatsCacheBase
  /**
   * Every review, in log order: as day cells (the cached chunks', then the tail's), or, when the
   * cache could not be used, as facts read from the log.
   */
  reviews: { cells: ReviewDayCells[] } | { facts: ReviewFacts[] }
  /** The reviews from today's start on (cards answered today). */
  todayReviews: ReviewCardRef[]
  reviewCount: number
  cachedReviews: number
  /** For the seal: the tail, and the chunks whose day cells were counted again. */
  tail: ReviewFacts
  recount: Map<number, ReviewFacts>
  schedules: ScheduleFacts
  /** Schedule rows read (0 when the cached facts were current). */
  schedulesRead: number
  decks: string
  /** Whether the cache lacks anything this visit read. */
  stale: boolean
}

/**
 * Reviews after `afterMs`, oldest first, a page at a time, each page its own transaction (the first
 * may be given). Rows sharing the boundary timestamp are told apart by id: none is read twice or
 * missed. The next page is requested before the current one is handled.
 */
export async function forEachReviewPage(
  idb: IDBDatabase,
  onPage: (rows: ReviewRow[]) => void,
  pageSize: number,
  afterMs = -Infinity,
  firstPage?: Promise<ReviewRow[]>,
): Promise<number> {
  const fetchPage = (range: IDBKeyRange, limit: number) =>
    done(idb.transaction('reviews', 'readonly').objectStore('reviews').index('reviewedAt').getAll(range, limit) as IDBRequest<ReviewRow[]>)
  let from = afterMs
  let seenAtFrom = new Set<string>()
  let limit = pageSize
  let next: Promise<ReviewRow[]> | null = firstPage ?? fetchPage(IDBKeyRange.lowerBound(afterMs, true), limit)
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
      next = fetchPage(IDBKeyRange.lowerBound(from), limit)
    }
    if (fresh.length > 0) {
      onPage(fresh)
      read += fresh.length
    }
  }
  return read
}

/** The tail being read: its facts, the cards it answered, and today's reviews among it. */
function tailReader(todayFromMs: number, todayReviews: ReviewCardRef[], changed: Set<string>, known: number, onProgress?: (n: number) => void) {
  const parts: ReviewFacts[] = []
  return {
    parts,
    get known() {
      return known
    },
    onPage(rows: ReviewRow[]) {
      if (rows.length === 0) return
      parts.push(reviewFactsOf(rows))
      for (const r of rows) {
        changed.add(r.cardId)
        if (r.reviewedAt >= todayFromMs) todayReviews.push(r)
      }
      known += rows.length
      onProgress?.(known)
    },
  }
}

async function readAllSchedules(idb: IDBDatabase) {
  const tx = idb.transaction(['schedules', 'decks'], 'readonly')
  const [rows, decks] = await Promise.all([
    done(tx.objectStore('schedules').getAll()) as Promise<ScheduleRow[]>,
    done(tx.objectStore('decks').getAll()) as Promise<DeckRow[]>,
  ])
  return { schedules: scheduleFactsOf(rows), schedulesRead: rows.length, decks: decksFingerprint(decks) }
}

/**
 * With the cache: ONE transaction takes the cache (the chunks' day cells for this clock, the
 * schedule facts) and checks it against the log: when the reviews up to the watermark are not as
 * many as cached, one was written in the past without an invalidation (e.g. after the device clock
 * moved back), and the cache is not used (null). A short tail and the changed schedules are read in
 * the same transaction; a long one a page at a time, then the schedules: after the reviews, so an
 * answer read in the tail has its schedule read after it.
 */
async function readWithCache(
  idb: IDBDatabase,
  clock: DayClock,
  todayFromMs: number,
  pageSize: number,
  onProgress?: (n: number) => void,
): Promise<StatsInputs | null> {
  const tx = idb.transaction([...CACHE_STORES, 'reviews', 'schedules', 'decks'], 'readonly')
  const byTime = tx.objectStore('reviews').index('reviewedAt')
  const [meta, dayRows, snapshot, deckRows, scheduleRows] = await Promise.all([
    done(tx.objectStore('statsCache').get('meta')) as Promise<StatsCacheMeta | undefined>,
    done(tx.objectStore('reviewDays').getAll()) as Promise<ReviewDaysRow[]>,
    done(tx.objectStore('statsCache').get('schedules')) as Promise<StatsCacheSchedules | undefined>,
    done(tx.objectStore('decks').getAll()) as Promise<DeckRow[]>,
    done(tx.objectStore('schedules').count()),
  ])
  if (!meta) return null
  const key = clockKey(clock)
  const cellsBySeq = new Map(dayRows.filter((r) => r.cells.clock === key).map((r) => [r.seq, r.cells]))
  const recountSeqs = meta.chunks.filter((c) => !cellsBySeq.has(c.seq)).map((c) => c.seq)
  const watermark = meta.chunks.at(-1)?.lastAt ?? -Infinity
  const cachedReviews = meta.chunks.reduce((n, c) => n + c.count, 0)
  const facts = tx.objectStore('reviewFacts')
  const [countBelow, today, firstPage, recountRows] = await Promise.all([
    done(byTime.count(IDBKeyRange.upperBound(watermark))),
    todayFromMs <= watermark ? (done(byTime.getAll(IDBKeyRange.bound(todayFromMs, watermark))) as Promise<ReviewRow[]>) : [],
    done(byTime.getAll(IDBKeyRange.lowerBound(watermark, true), pageSize)) as Promise<ReviewRow[]>,
    Promise.all(recountSeqs.map((seq) => done(facts.get(seq)) as Promise<ReviewFactsRow | undefined>)),
  ])
  if (countBelow !== cachedReviews) return null
  const recount = new Map<number, ReviewFacts>()
  for (const [i, seq] of recountSeqs.entries()) {
    const row = recountRows[i]
    const cells = row && reviewDayCells(row.facts, clock)
    if (!cells) return null
    cellsBySeq.set(seq, cells)
    recount.set(seq, row.facts)
  }
  const cells = meta.chunks.map((c) => cellsBySeq.get(c.seq)!)
  onProgress?.(cachedReviews)

  const fingerprint = decksFingerprint(deckRows)
  const schedulesValid = snapshot !== undefined && meta.schedules !== null && meta.schedules.decks === fingerprint
  const changed = new Set(schedulesValid ? meta.dirtyCardIds : [])
  const todayReviews: ReviewCardRef[] = today
  const tail = tailReader(todayFromMs, todayReviews, changed, cachedReviews, onProgress)
  let schedules: ScheduleFacts | null = null
  let schedulesRead = 0
  if (firstPage.length < pageSize) {
    // A short tail: all of it is in hand, and the changed schedules are read in this transaction.
    tail.onPage(firstPage)
    if (schedulesValid && changed.size < scheduleRows / 2) {
      const store = tx.objectStore('schedules')
      const ids = [...changed]
      const rows = await Promise.all(ids.map((id) => done(store.get(id)) as Promise<ScheduleRow | undefined>))
      const updated = updateScheduleFacts(snapshot.facts, new Map<string, ScheduledCard | undefined>(ids.map((id, i) => [id, rows[i]])))
      // A schedule added or removed without an invalidation: read them all.
      if (scheduleCount(updated) === scheduleRows) {
        schedules = updated
        schedulesRead = ids.length
      }
    }
  } else {
    await forEachReviewPage(idb, tail.onPage, pageSize, watermark, Promise.resolve(firstPage))
  }
  const all = schedules ? { schedules, schedulesRead, decks: fingerprint } : await readAllSchedules(idb)
  const tailFacts = joinReviewFacts(tail.parts)
  const tailCells = reviewDayCells(tailFacts, clock)
  if (!tailCells) return null
  const tailCount = tail.known - cachedReviews
  return {
    base: { generation: meta.generation, chunks: meta.chunks },
    reviews: { cells: [...cells, tailCells] },
    todayReviews,
    reviewCount: tail.known,
    cachedReviews,
    tail: tailFacts,
    recount,
    ...all,
    stale: tailCount > 0 || recount.size > 0 || all.schedulesRead > 0 || !schedulesValid,
  }
}

/** Without the cache (the first visit, or after it was found stale): every review, then every schedule. */
async function readWithoutCache(idb: IDBDatabase, todayFromMs: number, pageSize: number, onProgress?: (n: number) => void): Promise<StatsInputs> {
  // The generation before anything is read: a seal is dropped if an invalidation came in between.
  const meta = hasCache(idb) ? ((await done(idb.transaction('statsCache', 'readonly').objectStore('statsCache').get('meta'))) as StatsCacheMeta | undefined) : undefined
  const todayReviews: ReviewCardRef[] = []
  const tail = tailReader(todayFromMs, todayReviews, new Set(), 0, onProgress)
  await forEachReviewPage(idb, tail.onPage, pageSize)
  const all = await readAllSchedules(idb)
  const tailFacts = joinReviewFacts(tail.parts)
  return {
    base: { generation: meta?.generation ?? 0, chunks: [] },
    reviews: { facts: [tailFacts] },
    todayReviews,
    reviewCount: tail.known,
    cachedReviews: 0,
    tail: tailFacts,
    recount: new Map(),
    ...all,
    stale: true,
  }
}

/** One visit's reads: with the cache when it can be used, else from the log alone. */
export async function readStatsInputs(
  idb: IDBDatabase,
  clock: DayClock,
  todayFromMs: number,
  pageSize: number,
  onProgress?: (reviewsKnown: number) => void,
): Promise<StatsInputs> {
  const withCache = hasCache(idb) ? await readWithCache(idb, clock, todayFromMs, pageSize, onProgress) : null
  return withCache ?? readWithoutCache(idb, todayFromMs, pageSize, onProgress)
}

/**
 * Adds a visit's reads to the cache (see planSeal), in one transaction that first checks nothing
 * wrote to the cache since the visit read it; false when something did (the next visit redoes it).
 * Relaxed durability: this is derived data, and losing it in a crash only costs a slower visit.
 */
export async function sealStatsCache(idb: IDBDatabase, base: StatsCacheBase, add: StatsCacheAddition, clock: DayClock): Promise<boolean> {
  if (!hasCache(idb)) return false
  const tx = idb.transaction(CACHE_STORES, 'readwrite', { durability: 'relaxed' })
  const committed = new Promise<void>((resolve, reject) => {
    tx.oncomplete = () => resolve()
    tx.onabort = tx.onerror = () => reject(tx.error ?? new Error('stats cache: seal aborted'))
  })
  const cache = tx.objectStore('statsCache')
  const facts = tx.objectStore('reviewFacts')
  const days = tx.objectStore('reviewDays')
  const last = base.chunks.at(-1)
  const reopen = last !== undefined && last.count < REVIEW_CHUNK_SIZE && add.tail.reviewedAt.length > 0
  const [meta, lastRow, factKeys, dayKeys] = await Promise.all([
    done(cache.get('meta')) as Promise<StatsCacheMeta | undefined>,
    reopen ? (done(facts.get(last.seq)) as Promise<ReviewFactsRow | undefined>) : undefined,
    done(facts.getAllKeys()) as Promise<number[]>,
    done(days.getAllKeys()) as Promise<number[]>,
  ])
  if ((meta?.generation ?? 0) !== base.generation) {
    tx.abort()
    await committed.catch(() => undefined)
    return false
  }
  const plan = planSeal(base, add, lastRow?.facts ?? null, clock)
  const wanted = new Set(plan.meta.chunks.map((c) => c.seq))
  const rewritten = new Set(plan.facts.map((r) => r.seq))
  for (const seq of factKeys) if (!wanted.has(seq)) facts.delete(seq)
  for (const seq of dayKeys) if (!wanted.has(seq) || rewritten.has(seq)) days.delete(seq)
  for (const row of plan.facts) facts.put(row)
  for (const row of plan.days) days.put(row)
  cache.put(plan.schedules)
  cache.put(plan.meta)
  await committed
  return true
}
