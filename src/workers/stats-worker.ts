// The stats worker: reads the whole review log and the schedules and folds them off the main thread,
// so 100,000 reviews never freeze the page. It opens the same database as the page.
import { getDb } from '../db/database'
import { foldStats, type FoldedStats, type StatsRequest } from '../db/stats-repository'

export type StatsWorkerOut = { type: 'progress'; reviewsRead: number } | { type: 'done'; result: FoldedStats } | { type: 'error'; message: string }

/** Off the main thread a page can be big: fewer round trips to IndexedDB. */
const WORKER_PAGE_SIZE = 20_000

const scope = self as unknown as {
  onmessage: ((event: MessageEvent<StatsRequest>) => void) | null
  postMessage(message: StatsWorkerOut, transfer?: Transferable[]): void
}

scope.onmessage = (event) => {
  foldStats(getDb(), event.data, (reviewsRead) => scope.postMessage({ type: 'progress', reviewsRead }), WORKER_PAGE_SIZE).then(
    (result) => {
      // The daily counters move to the page without a copy.
      const buffers = [...result.reviewsByDeck.values()].flatMap((d) => [d.rows.buffer, d.outside.buffer]) as ArrayBuffer[]
      scope.postMessage({ type: 'done', result }, buffers)
    },
    (e: unknown) => scope.postMessage({ type: 'error', message: e instanceof Error ? `${e.name}: ${e.message}` : String(e) }),
  )
}
