// Statistics: the review log and the schedules folded once per visit (in a worker, mostly from the
// statistics cache), per deck, so switching decks costs nothing; the figures shown are computed from
// these folds by src/domain/stats.
import { defineStore } from 'pinia'
import { computed, ref, shallowRef } from 'vue'
import { getDb, type DeckRow } from '../db/database'
import { listDecks } from '../db/deck-repository'
import { foldStats, type FoldedStats, type StatsRequest } from '../db/stats-repository'
import { clock } from '../composables/clock'
import { streaks, todaySummary } from '../domain/stats/activity'
import { deckMastery } from '../domain/stats/card-figures'
import { combineCardTotals, type CardTotals } from '../domain/stats/card-totals'
import { heatmap } from '../domain/stats/chart-data'
import { retentionTable } from '../domain/stats/retention'
import { combineReviewDays, type ReviewDays } from '../domain/stats/review-days'
import type { StatsWorkerIn, StatsWorkerOut } from '../workers/stats-worker'
import { useAppStore } from './app'
import { useSettingsStore } from './settings'

interface StartedWorker {
  worker: Worker
  /** It failed before it was given work (its script did not load): fold on the page instead. */
  failed: boolean
}

/** The stats worker, started before the request is known: its script loads while the app starts. */
function startWorker(): StartedWorker | null {
  if (typeof Worker === 'undefined') return null
  try {
    const worker = new Worker(new URL('../workers/stats-worker.ts', import.meta.url), { type: 'module', name: 'stats' })
    const started: StartedWorker = { worker, failed: false }
    worker.onerror = () => {
      started.failed = true
      worker.terminate()
    }
    return started
  } catch {
    return null
  }
}

/**
 * Folds in the stats worker; resolves null when workers are unavailable or fail to start. The worker
 * is closed once it has also brought the cache up to date (after the figures arrived).
 */
function foldInWorker(started: StartedWorker | null, req: StatsRequest, onProgress: (n: number) => void): Promise<FoldedStats | null> {
  if (!started || started.failed) return Promise.resolve(null)
  const { worker } = started
  return new Promise((resolve, reject) => {
    let answered = false
    worker.onmessage = (event: MessageEvent<StatsWorkerOut>) => {
      const out = event.data
      if (out.type === 'progress') return onProgress(out.reviewsRead)
      if (out.type === 'done') {
        answered = true
        return resolve(out.result)
      }
      worker.terminate()
      if (out.type === 'error' && !answered) reject(new Error(out.message))
    }
    worker.onerror = () => {
      worker.terminate()
      if (!answered) resolve(null)
    }
    const message: StatsWorkerIn = { dbName: getDb().name, request: req }
    worker.postMessage(message)
  })
}

export const useStatsStore = defineStore('stats', () => {
  const status = ref<'idle' | 'loading' | 'ready' | 'error'>('idle')
  const error = ref<string | null>(null)
  /** Reviews read so far while loading, for the progress message. */
  const progress = ref(0)
  /** Decks the filter offers (visible ones), in home-screen order. */
  const decks = shallowRef<DeckRow[]>([])
  const reviewsByDeck = shallowRef(new Map<string, ReviewDays>())
  const cardsByDeck = shallowRef(new Map<string, CardTotals>())
  /** Study day the figures were computed for. */
  const today = ref(0)
  const reviewCount = ref(0)
  /** How long the last fold took (read and compute), for the measurements. */
  const timings = ref<FoldedStats['timings'] | null>(null)
  /** The deck shown; null for all decks. */
  const deckId = ref<string | null>(null)

  // "All decks": the whole review history, but only the cards of visible decks (as on home).
  const reviews = computed(() => {
    const all = reviewsByDeck.value
    if (deckId.value === null) return combineReviewDays(today.value, all.values())
    const one = all.get(deckId.value)
    return combineReviewDays(today.value, one ? [one] : [])
  })
  const cards = computed(() => {
    const ids = deckId.value === null ? decks.value.map((d) => d.id) : [deckId.value]
    return combineCardTotals(ids.map((id) => cardsByDeck.value.get(id)).filter((t) => t !== undefined))
  })
  const figures = computed(() => {
    const r = reviews.value
    return {
      today: todaySummary(r),
      streaks: streaks(r),
      retention: retentionTable(r),
      heatmap: heatmap(r),
      /** Any review ever, for the "no review yet" message. */
      hasReviews: r.rows.some((n) => n > 0) || r.outside.some((n) => n > 0),
    }
  })
  const mastery = computed(() => deckMastery(cardsByDeck.value, deckId.value === null ? decks.value.map((d) => d.id) : [deckId.value]))

  let running: Promise<void> | null = null

  /** Reads the log and the schedules (one pass each, page by page) and keeps the per-deck folds. */
  async function load(): Promise<void> {
    running ??= (async () => {
      status.value = 'loading'
      error.value = null
      progress.value = 0
      performance.mark('stats:start')
      const worker = startWorker()
      try {
        await useAppStore().start()
        const { settings } = useSettingsStore()
        const req: StatsRequest = {
          nowMs: clock.now(),
          timeZone: clock.timeZone(),
          rolloverHour: settings.rolloverHour,
          // Plain copies: a reactive proxy cannot be posted to a worker.
          scheduler: {
            desiredRetention: settings.desiredRetention,
            learningSteps: [...settings.learningSteps],
            relearningSteps: [...settings.relearningSteps],
            maximumIntervalDays: settings.maximumIntervalDays,
            // Recall probabilities follow the learner's fitted weights, as the schedules do.
            fsrsWeights: settings.fsrsWeights ? [...settings.fsrsWeights] : null,
          },
        }
        const [deckRows, folded] = await Promise.all([
          listDecks(getDb()),
          foldInWorker(worker, req, (n) => (progress.value = n)).then((r) => r ?? foldStats(getDb(), req, (n) => (progress.value = n))),
        ])
        decks.value = deckRows
        today.value = folded.today
        reviewCount.value = folded.reviewCount
        timings.value = folded.timings
        reviewsByDeck.value = folded.reviewsByDeck
        cardsByDeck.value = folded.cardsByDeck
        if (deckId.value !== null && !deckRows.some((d) => d.id === deckId.value)) deckId.value = null
        status.value = 'ready'
        performance.measure('stats-compute', 'stats:start')
      } catch (e) {
        worker?.worker.terminate()
        error.value = e instanceof Error ? e.message : String(e)
        status.value = 'error'
      }
    })().finally(() => {
      running = null
    })
    return running
  }

  return { status, error, progress, decks, today, reviewCount, timings, deckId, reviews, cards, figures, mastery, load }
})
