// The optimiser worker: reads the review log, converts it, fits FSRS weights with fsrs-browser (the
// FSRS reference implementation in WebAssembly), judges them on the newest reviews, and simulates a
// year at each desired retention. Started on demand: its WebAssembly never loads with the app.
import initFsrs, { Fsrs } from 'fsrs-browser'
import wasmUrl from 'fsrs-browser/fsrs_browser_bg.wasm?url'
import { openAppDb, readLogFacts, readNewCardIds, readSchedules } from '../db/optimizer-idb'
import type { ScheduleRow } from '../db/database'
import type { ReviewFacts } from '../domain/stats/review-facts'
import { evaluateWeights, heldOutFrom, trainingSample } from '../domain/optimizer/evaluate'
import { fsrsItems, reviewsNeeded, type ItemReview } from '../domain/optimizer/fsrs-items'
import { DEFAULT_FIRST_RATINGS, DEFAULT_RECALL_RATINGS, RETENTIONS, simulate, type SimCards, type SimSettings } from '../domain/optimizer/simulate'
import { checkedWeights, DEFAULT_WEIGHTS, fitIsBetter } from '../domain/optimizer/weights'
import { CardState, type GradeValue } from '../domain/scheduling/schedule'
import { dayIndex, type DayClock } from '../domain/time/study-day'
import { PmDatabase } from '../db/database'
import { rescheduleAll } from '../db/optimizer-repository'
import { createScheduler } from '../domain/scheduling/scheduler'
import type { LogClock, OptimiseReply, OptimiseRequest, OptimiserRequest, RescheduleRequest, SimulateReply, SimulateRequest, WorkerIn, WorkerOut } from './optimizer-protocol'

/**
 * fsrs-browser's time grows with the reviews its items hold in all (each item repeats its card's
 * history): past this many, it fits a random share of the items. Measured by `npm run bench`.
 */
export const MAX_TRAIN_REVIEWS = 40_000

const scope = self as unknown as {
  onmessage: ((event: MessageEvent<WorkerIn>) => void) | null
  postMessage(message: WorkerOut): void
}

let wasmReady: Promise<unknown> | null = null

async function withDb<T>(req: LogClock, read: (idb: IDBDatabase) => Promise<T>): Promise<T> {
  const idb = await openAppDb(req.dbName)
  try {
    return await read(idb)
  } finally {
    idb.close()
  }
}

/** The log's facts as the conversion reads reviews (in log order: its sort keeps that order). */
function itemReviews(parts: readonly ReviewFacts[]): ItemReview[] {
  const out: ItemReview[] = []
  for (const p of parts) {
    for (let i = 0; i < p.reviewedAt.length; i++) {
      out.push({ id: '', cardId: p.cardIds![p.card![i]!]!, grade: p.grade[i] as GradeValue, reviewedAt: p.reviewedAt[i]!, before: { state: p.stateBefore[i] as CardState } })
    }
  }
  return out
}

const clockOf = (req: LogClock): DayClock => ({ timeZone: req.timeZone, rolloverHour: req.rolloverHour })

async function optimise(req: OptimiseRequest, phase: (p: 'reading' | 'training' | 'checking') => void): Promise<OptimiseReply> {
  phase('reading')
  const t0 = performance.now()
  const { parts, newCards } = await withDb(req, async (idb) => ({ ...(await readLogFacts(idb)), newCards: await readNewCardIds(idb) }))
  const t1 = performance.now()
  const reviews = itemReviews(parts)
  // A card new now although it has reviews was reset since its last one.
  const resetCards = new Set(newCards)
  const items = fsrsItems({ reviews, resetCards, clock: clockOf(req), nowMs: req.nowMs })
  const counts = { read: items.read, used: items.used, leftOut: items.leftOut }
  const needed = reviewsNeeded(items)
  if (needed > 0) return { kind: 'too-little', counts, needed }
  const t2 = performance.now()

  phase('training')
  const split = heldOutFrom(items.lengths.length)
  const sample = trainingSample(items, split, MAX_TRAIN_REVIEWS)
  wasmReady ??= initFsrs({ module_or_path: wasmUrl })
  await wasmReady
  const raw = new Fsrs().computeParameters(sample.ratings, sample.deltaDays, sample.lengths, undefined, true)
  const weights = checkedWeights(raw)
  if (!weights) throw new Error('fsrs-browser gave weights that ts-fsrs refuses (not finite)')
  const t3 = performance.now()

  phase('checking')
  const current = evaluateWeights(checkedWeights(req.currentWeights) ?? DEFAULT_WEIGHTS, items, split)
  const fitted = evaluateWeights(weights, items, split)
  const t4 = performance.now()
  return {
    kind: 'fitted',
    counts,
    weights,
    current,
    fitted,
    better: fitIsBetter(current, fitted),
    trainItems: sample.lengths.length,
    trainReviews: sample.ratings.length,
    sampled: sample.sampled,
    heldOutItems: items.lengths.length - split,
    timings: { readMs: t1 - t0, convertMs: t2 - t1, trainMs: t3 - t2, evaluateMs: t4 - t3 },
  }
}

/** Shares of each grade on first answers and on recalled reviews, or Anki's defaults with too few. */
function ratingShares(parts: readonly ReviewFacts[]) {
  const first = [0, 0, 0, 0]
  const recall = [0, 0, 0]
  for (const p of parts) {
    for (let i = 0; i < p.grade.length; i++) {
      const grade = p.grade[i]!
      if (grade < 1 || grade > 4) continue
      if (p.stateBefore[i] === CardState.New) first[grade - 1]!++
      else if (p.stateBefore[i] === CardState.Review && grade > 1) recall[grade - 2]!++
    }
  }
  const enough = (a: number[]) => a.reduce((x, y) => x + y, 0) >= 100
  return { firstRatings: enough(first) ? first : [...DEFAULT_FIRST_RATINGS], recallRatings: enough(recall) ? recall : [...DEFAULT_RECALL_RATINGS] }
}

function simCards(schedules: readonly ScheduleRow[], req: SimulateRequest): SimCards {
  const clock = clockOf(req)
  const today = dayIndex(req.nowMs, clock)
  const active = schedules.filter((s) => !s.suspended && !s.retired)
  const boostedDecks = new Set(req.interview?.deckIds ?? [])
  const cards: SimCards = {
    isNew: new Uint8Array(active.length),
    stability: new Float64Array(active.length),
    difficulty: new Float64Array(active.length),
    elapsedDays: new Int32Array(active.length),
    dueInDays: new Int32Array(active.length),
    boosted: new Uint8Array(active.length),
  }
  active
    .sort((a, b) => a.position - b.position)
    .forEach((s, i) => {
      cards.isNew[i] = s.state === CardState.New || s.lastReview === null ? 1 : 0
      cards.stability[i] = s.stability
      cards.difficulty[i] = s.difficulty
      cards.elapsedDays[i] = s.lastReview === null ? 0 : Math.max(0, today - dayIndex(s.lastReview, clock))
      cards.dueInDays[i] = dayIndex(s.due, clock) - today
      cards.boosted[i] = boostedDecks.has(s.deckId) ? 1 : 0
    })
  return cards
}

async function simulateYear(req: SimulateRequest): Promise<SimulateReply> {
  const t0 = performance.now()
  const { parts, schedules } = await withDb(req, async (idb) => ({ ...(await readLogFacts(idb)), schedules: await readSchedules(idb) }))
  const cards = simCards(schedules, req)
  const base: Omit<SimSettings, 'desiredRetention'> = {
    weights: checkedWeights(req.weights) ?? DEFAULT_WEIGHTS,
    days: 365,
    newPerDay: req.newPerDay,
    reviewsPerDay: req.reviewsPerDay,
    maximumIntervalDays: req.maximumIntervalDays,
    learningSteps: req.learningSteps,
    relearningSteps: req.relearningSteps,
    ...ratingShares(parts),
  }
  const results = RETENTIONS.map((desiredRetention) => simulate(cards, { ...base, desiredRetention }))
  let interview: SimulateReply['interview'] = null
  if (req.interview && req.interview.days > 0) {
    const { days, desiredRetention } = req.interview
    const plain = simulate(cards, { ...base, days, desiredRetention: req.desiredRetention })
    const boosted = simulate(cards, { ...base, days, desiredRetention: req.desiredRetention, boost: { desiredRetention, untilDay: days } })
    interview = { days, base: plain.reviewsPerDay, boosted: boosted.reviewsPerDay }
  }
  return { results, cards: cards.isNew.length, interview, ms: performance.now() - t0 }
}

async function reschedule(req: RescheduleRequest): Promise<{ rescheduled: number }> {
  const db = new PmDatabase(req.dbName)
  try {
    return { rescheduled: await rescheduleAll(db, createScheduler(req.settings, { fuzz: true })) }
  } finally {
    db.close()
  }
}

function handle(id: number, request: OptimiserRequest) {
  switch (request.type) {
    case 'optimise':
      return optimise(request, (phase) => scope.postMessage({ id, phase }))
    case 'simulate':
      scope.postMessage({ id, phase: 'simulating' })
      return simulateYear(request)
    case 'reschedule':
      return reschedule(request)
  }
}

scope.onmessage = async ({ data: { id, request } }) => {
  try {
    scope.postMessage({ id, reply: await handle(id, request) })
  } catch (e) {
    // A Rust panic surfaces as a WebAssembly RuntimeError: that instance is unusable, the page
    // throws this worker away and starts another for the next request.
    const crashed = e instanceof WebAssembly.RuntimeError
    scope.postMessage({ id, error: e instanceof Error ? `${e.name}: ${e.message}` : String(e), crashed })
  }
}
