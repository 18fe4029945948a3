// A year of study simulated for the learner's own cards and weights, at a desired retention: how many
// reviews a day it asks for and how many cards are remembered at the end (Anki's simulator, simplified:
// counts of reviews, not seconds; learning steps answered Good).
import { FSRSAlgorithm, generatorParameters, type FSRSState } from 'ts-fsrs'

/** The collection as the simulation starts it: one entry per active card. */
export interface SimCards {
  /** 1 for a card never studied. */
  isNew: Uint8Array
  stability: Float64Array
  difficulty: Float64Array
  /** Days since the last review (0 today), and days until due (negative: overdue). */
  elapsedDays: Int32Array
  dueInDays: Int32Array
  /** 1 for a card of a deck that gets `boost`'s retention. */
  boosted: Uint8Array
}

export interface SimSettings {
  weights: readonly number[]
  desiredRetention: number
  days: number
  newPerDay: number
  reviewsPerDay: number
  maximumIntervalDays: number
  learningSteps: number
  relearningSteps: number
  /** Share of Again, Hard, Good, Easy on a card's first answer; Hard, Good, Easy when recalled. */
  firstRatings: readonly number[]
  recallRatings: readonly number[]
  /** A higher retention for the boosted cards, until day `untilDay` (exclusive). */
  boost?: { desiredRetention: number; untilDay: number }
  seed?: number
}

export interface SimResult {
  desiredRetention: number
  reviewsPerDay: number
  /** Expected number of cards recalled on the last day (sum of their probabilities of recall). */
  remembered: number
  reviews: number
}

/** Anki's defaults when the log has too few answers of a kind. */
export const DEFAULT_FIRST_RATINGS = [0.24, 0.094, 0.495, 0.171] as const
export const DEFAULT_RECALL_RATINGS = [0.224, 0.632, 0.144] as const

function random(seed: number) {
  let s = seed >>> 0
  return () => {
    s = (s + 0x6d2b79f5) >>> 0
    let t = s
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

function pick(shares: readonly number[], x: number): number {
  const total = shares.reduce((a, b) => a + b, 0)
  let acc = 0
  for (let i = 0; i < shares.length; i++) {
    acc += shares[i]! / total
    if (x < acc) return i
  }
  return shares.length - 1
}

export function simulate(cards: SimCards, settings: SimSettings): SimResult {
  const n = cards.isNew.length
  const { days } = settings
  const engine = (r: number) =>
    new FSRSAlgorithm(generatorParameters({ w: [...settings.weights], request_retention: r, maximum_interval: settings.maximumIntervalDays, enable_short_term: true, enable_fuzz: false }))
  const base = engine(settings.desiredRetention)
  const boosted = settings.boost ? engine(settings.boost.desiredRetention) : base
  const next = random(settings.seed ?? 42)
  const s = Float64Array.from(cards.stability)
  const d = Float64Array.from(cards.difficulty)
  const last = new Int32Array(n)
  const learned = new Uint8Array(n)
  const buckets: number[][] = Array.from({ length: days + 1 }, () => [])
  const newQueue: number[] = []
  for (let i = 0; i < n; i++) {
    if (cards.isNew[i] || !(s[i]! > 0) || !(d[i]! >= 1)) {
      newQueue.push(i)
      continue
    }
    learned[i] = 1
    last[i] = -cards.elapsedDays[i]!
    const due = Math.max(0, cards.dueInDays[i]!)
    if (due < days) buckets[due]!.push(i)
  }
  const schedule = (i: number, day: number, state: FSRSState) => {
    s[i] = state.stability
    d[i] = state.difficulty
    last[i] = day
    const alg = settings.boost && cards.boosted[i] && day < settings.boost.untilDay ? boosted : base
    const due = day + Math.max(1, Math.min(settings.maximumIntervalDays, alg.next_interval(state.stability, 0)))
    if (due < days) buckets[due]!.push(i)
  }
  const steps = (state: FSRSState, count: number, alg: FSRSAlgorithm) => {
    for (let k = 0; k < count; k++) state = alg.next_state(state, 0, 3)
    return state
  }
  let reviews = 0
  let introduced = 0
  for (let day = 0; day < days; day++) {
    let today = 0
    for (const i of buckets[day]!) {
      if (today >= settings.reviewsPerDay) {
        buckets[day + 1]!.push(i)
        continue
      }
      const elapsed = day - last[i]!
      const recalled = next() < base.forgetting_curve(elapsed, s[i]!)
      const rating = recalled ? 2 + pick(settings.recallRatings, next()) : 1
      let state = base.next_state({ stability: s[i]!, difficulty: d[i]! }, elapsed, rating)
      today += 1
      if (!recalled) {
        state = steps(state, settings.relearningSteps, base)
        today += settings.relearningSteps
      }
      schedule(i, day, state)
    }
    for (let k = 0; k < settings.newPerDay && introduced < newQueue.length; k++) {
      const i = newQueue[introduced++]!
      const rating = 1 + pick(settings.firstRatings, next())
      const extra = rating === 4 ? 0 : settings.learningSteps
      learned[i] = 1
      schedule(i, day, steps(base.next_state(null, 0, rating), extra, base))
      today += 1 + extra
    }
    reviews += today
  }
  let remembered = 0
  for (let i = 0; i < n; i++) if (learned[i]) remembered += base.forgetting_curve(days - last[i]!, s[i]!)
  return { desiredRetention: settings.desiredRetention, reviewsPerDay: reviews / days, remembered, reviews }
}

/** Desired retentions the chart compares. */
export const RETENTIONS: readonly number[] = Array.from({ length: 28 }, (_, i) => Math.round((0.7 + i * 0.01) * 100) / 100)

/** The retention that keeps the most cards remembered per review made. */
export function bestRetention(results: readonly SimResult[]): SimResult | null {
  let best: SimResult | null = null
  for (const r of results) if (r.reviews > 0 && (!best || r.remembered / r.reviews > best.remembered / best.reviews)) best = r
  return best
}
