// The optimiser worker's reads, with plain IndexedDB (read only): the review log as facts, from the
// statistics cache's chunks when they hold the cards (plus the reviews after them), else the log
// itself; the cards reset to new; the schedules for the simulator.
import { reviewFactsOf, type ReviewFacts } from '../domain/stats/review-facts'
import { CardState } from '../domain/scheduling/schedule'
import type { ReviewRow, ScheduleRow } from './database'
import type { ReviewFactsRow, StatsCacheMeta } from './stats-cache'
import { forEachReviewPage } from './stats-idb'

const done = <T>(r: IDBRequest<T>) =>
  new Promise<T>((resolve, reject) => {
    r.onsuccess = () => resolve(r.result)
    r.onerror = () => reject(r.error)
  })

const PAGE_SIZE = 20_000

export async function openAppDb(name: string): Promise<IDBDatabase> {
  const idb = await done(indexedDB.open(name))
  idb.onversionchange = () => idb.close()
  return idb
}

/** The cached chunks, oldest first, when every one holds its cards; else null. */
async function cachedChunks(idb: IDBDatabase): Promise<{ parts: ReviewFacts[]; count: number; watermark: number } | null> {
  if (!['statsCache', 'reviewFacts'].every((s) => idb.objectStoreNames.contains(s))) return null
  const tx = idb.transaction(['statsCache', 'reviewFacts'], 'readonly')
  const [meta, rows] = await Promise.all([
    done(tx.objectStore('statsCache').get('meta') as IDBRequest<StatsCacheMeta | undefined>),
    done(tx.objectStore('reviewFacts').getAll() as IDBRequest<ReviewFactsRow[]>),
  ])
  if (!meta || meta.chunks.length === 0) return null
  const bySeq = new Map(rows.map((r) => [r.seq, r.facts]))
  const parts = meta.chunks.map((c) => bySeq.get(c.seq))
  if (parts.some((p) => !p || !p.card || !p.cardIds)) return null
  return { parts: parts as ReviewFacts[], count: meta.chunks.reduce((n, c) => n + c.count, 0), watermark: meta.chunks.at(-1)!.lastAt }
}

/** Every review, in log order, as facts with their cards. */
export async function readLogFacts(idb: IDBDatabase): Promise<{ parts: ReviewFacts[]; fromCache: number }> {
  const total = await done(idb.transaction('reviews', 'readonly').objectStore('reviews').count())
  const cached = await cachedChunks(idb)
  if (cached) {
    const parts = [...cached.parts]
    const tail = await forEachReviewPage(idb, (rows) => parts.push(reviewFactsOf(rows)), PAGE_SIZE, cached.watermark)
    // The statistics' own check: a log changed behind the cache's back is read whole.
    if (cached.count + tail === total) return { parts, fromCache: cached.count }
  }
  const parts: ReviewFacts[] = []
  await forEachReviewPage(idb, (rows: ReviewRow[]) => parts.push(reviewFactsOf(rows)), PAGE_SIZE)
  return { parts, fromCache: 0 }
}

/** Cards whose schedule is new (the index's keys only). */
export async function readNewCardIds(idb: IDBDatabase): Promise<string[]> {
  const range = IDBKeyRange.bound([CardState.New, -Infinity], [CardState.New, Infinity])
  return (await done(idb.transaction('schedules', 'readonly').objectStore('schedules').index('[state+due]').getAllKeys(range))) as string[]
}

export async function readSchedules(idb: IDBDatabase): Promise<ScheduleRow[]> {
  return done(idb.transaction('schedules', 'readonly').objectStore('schedules').getAll() as IDBRequest<ScheduleRow[]>)
}
