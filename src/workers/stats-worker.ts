// The stats worker: reads the statistics cache, the reviews written after it and the schedules that
// changed, folds them off the main thread, answers, then adds what it read to the cache while the
// page draws. Plain IndexedDB (no Dexie): a smaller script starts sooner.
import { readStats, sealStats, type FoldedStats, type StatsRequest } from '../db/stats-repository'
import { openStatsDb } from '../db/stats-idb'

export interface StatsWorkerIn {
  dbName: string
  request: StatsRequest
}

export type StatsWorkerOut =
  | { type: 'progress'; reviewsRead: number }
  | { type: 'done'; result: FoldedStats }
  /** After 'done': the cache holds what this visit read (or was left as it was). */
  | { type: 'sealed' }
  | { type: 'error'; message: string }

/** Off the main thread a page can be big: fewer round trips to IndexedDB. */
const WORKER_PAGE_SIZE = 20_000

const scope = self as unknown as {
  onmessage: ((event: MessageEvent<StatsWorkerIn>) => void) | null
  postMessage(message: StatsWorkerOut, transfer?: Transferable[]): void
}

scope.onmessage = async ({ data }) => {
  let idb: IDBDatabase | null = null
  let answered = false
  try {
    idb = await openStatsDb(data.dbName)
    const run = await readStats(idb, data.request, (reviewsRead) => scope.postMessage({ type: 'progress', reviewsRead }), WORKER_PAGE_SIZE)
    // The daily counters move to the page without a copy.
    scope.postMessage({ type: 'done', result: run.result }, [...run.result.reviewsByDeck.values()].flatMap((d) => [d.rows.buffer, d.outside.buffer]) as ArrayBuffer[])
    answered = true
    // While the page draws: the next visit then reads only what is written after this one.
    if (run.seal) await sealStats(idb, run.seal)
    scope.postMessage({ type: 'sealed' })
  } catch (e) {
    // After the figures, a failed seal only means the next visit reads more.
    scope.postMessage(answered ? { type: 'sealed' } : { type: 'error', message: e instanceof Error ? `${e.name}: ${e.message}` : String(e) })
  } finally {
    idb?.close()
  }
}
