// A year of study simulated for the learner's own cards and weights, at a desired retention: how many
// reviews a day it asks for and how many cards are remembered at the end (Anki's simulator, simplified:
// counts of reviews, not seconds; learning steps answered Good).
import { FSRSAlgorithm, generatorParameters } from 'ts-fsrs'
import { seededRandom as random } from '../seeded-random'

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

function pick(shares: readonly number[], x: number): number {
  const total = shares.reduce((a, b) => a + b, 0)
  let acc = 0
  for (let i = 0; i < shares.length; i++) {
    acc += shares[i]! / total
    if (x < acc) return i
  }
  return shares.length - 1
}

const S_MIN = 0.001
const S_MAX = 36500
const clamp = (x: number, lo: number, hi: number) => Math.min(Math.max(x, lo), hi)

/**
 * FSRS-6's formulas as ts-fsrs computes them (its next_state, forgetting curve and interval), on
 * plain numbers: the simulation makes millions of steps, and ts-fsrs's objects and checks cost ~20x
 * more. tests/domain/optimizer-fit.test.ts holds them to ts-fsrs's results.
 */
export function fsrsModel(weights: readonly number[], maximumIntervalDays: number) {
  // ts-fsrs clips the weights it is given (clipParameters): take them from it.
  const w = new FSRSAlgorithm(generatorParameters({ w: [...weights], enable_short_term: true })).parameters.w
  const decay = -w[20]!
  const factor = 0.9 ** (1 / decay) - 1
  const easyD = w[4]! - Math.exp(3 * w[5]!) + 1
  const failFloor = Math.exp(w[17]! * w[18]!)
  const recall = (t: number, s: number) => (1 + (factor * t) / s) ** decay
  const nextD = (d: number, g: number) => clamp(w[7]! * easyD + (1 - w[7]!) * (d + (-w[6]! * (g - 3) * (10 - d)) / 9), 1, 10)
  return {
    recall,
    /** Stability and difficulty after grade g, t days after the last review; written into out. */
    next(out: { s: number; d: number }, t: number, g: number) {
      const { s, d } = out
      let next: number
      if (t === 0) {
        const sinc = s ** -w[19]! * Math.exp(w[17]! * (g - 3 + w[18]!))
        next = clamp(s * (g >= 2 ? Math.max(sinc, 1) : sinc), S_MIN, S_MAX)
      } else {
        const r = recall(t, s)
        if (g === 1) {
          const afterFail = clamp(w[11]! * d ** -w[12]! * ((s + 1) ** w[13]! - 1) * Math.exp((1 - r) * w[14]!), S_MIN, S_MAX)
          next = clamp(s / failFloor, S_MIN, afterFail)
        } else {
          const bonus = g === 2 ? w[15]! : g === 4 ? w[16]! : 1
          next = clamp(s * (1 + Math.exp(w[8]!) * (11 - d) * s ** -w[9]! * (Math.exp((1 - r) * w[10]!) - 1) * bonus), S_MIN, S_MAX)
        }
      }
      out.s = next
      out.d = nextD(d, g)
    },
    first(out: { s: number; d: number }, g: number) {
      out.s = Math.max(w[g - 1]!, 0.1)
      out.d = clamp(w[4]! - Math.exp((g - 1) * w[5]!) + 1, 1, 10)
    },
    /** The interval FSRS gives for stability s at a desired retention (no fuzz). */
    interval(s: number, desiredRetention: number) {
      return clamp(Math.round((s * (desiredRetention ** (1 / decay) - 1)) / factor), 1, maximumIntervalDays)
    },
  }
}

export function simulate(cards: SimCards, settings: SimSettings): SimResult {
  const n = cards.isNew.length
  const { days } = settings
  const model = fsrsModel(settings.weights, settings.maximumIntervalDays)
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
  const state = { s: 0, d: 0 }
  const schedule = (i: number, day: number) => {
    s[i] = state.s
    d[i] = state.d
    last[i] = day
    const boost = settings.boost && cards.boosted[i] && day < settings.boost.untilDay ? settings.boost.desiredRetention : settings.desiredRetention
    const due = day + model.interval(state.s, boost)
    if (due < days) buckets[due]!.push(i)
  }
  /** Same-day steps, answered Good. */
  const steps = (count: number) => {
    for (let k = 0; k < count; k++) model.next(state, 0, 3)
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
      const recalled = next() < model.recall(elapsed, s[i]!)
      state.s = s[i]!
      state.d = d[i]!
      model.next(state, elapsed, recalled ? 2 + pick(settings.recallRatings, next()) : 1)
      today += 1
      if (!recalled) {
        steps(settings.relearningSteps)
        today += settings.relearningSteps
      }
      schedule(i, day)
    }
    for (let k = 0; k < settings.newPerDay && introduced < newQueue.length; k++) {
      const i = newQueue[introduced++]!
      const rating = 1 + pick(settings.firstRatings, next())
      const extra = rating === 4 ? 0 : settings.learningSteps
      learned[i] = 1
      model.first(state, rating)
      steps(extra)
      schedule(i, day)
      today += 1 + extra
    }
    reviews += today
  }
  let remembered = 0
  for (let i = 0; i < n; i++) if (learned[i]) remembered += model.recall(days - last[i]!, s[i]!)
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
