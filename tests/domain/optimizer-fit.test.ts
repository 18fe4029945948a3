// Judging weights (log loss, RMSE over bins), the held-out split, the sample, the weights' check, the simulator.
import { default_w } from 'ts-fsrs'
import { describe, expect, it } from 'vitest'
import { evaluateWeights, heldOutFrom, trainingSample } from '../../src/domain/optimizer/evaluate'
import { bestRetention, simulate, type SimCards } from '../../src/domain/optimizer/simulate'
import { checkedWeights, fitIsBetter } from '../../src/domain/optimizer/weights'
import { normalizeSettings } from '../../src/domain/settings'
import { createScheduler } from '../../src/domain/scheduling/scheduler'
import { newMemoryState } from '../../src/domain/scheduling/schedule'

/** Items written by hand: [ratings, deltas] each. */
function itemsOf(list: Array<[number[], number[]]>) {
  return {
    ratings: Uint32Array.from(list.flatMap(([r]) => r)),
    deltaDays: Uint32Array.from(list.flatMap(([, d]) => d)),
    lengths: Uint32Array.from(list.map(([r]) => r.length)),
  }
}

describe('judging weights', () => {
  it('computes the log loss of each item’s last answer from its history, and RMSE over bins', () => {
    // Two items of the same bin: Good then Good 3 days later (recalled), and the same but forgotten.
    const items = itemsOf([
      [[3, 3], [0, 3]],
      [[3, 1], [0, 3]],
    ])
    const fit = evaluateWeights(default_w, items)
    // Stability after a first Good is w[2]; recall 3 days later on FSRS-6's curve.
    const decay = -default_w[20]!
    const factor = 0.9 ** (1 / decay) - 1
    const p = (1 + (factor * 3) / default_w[2]!) ** decay
    expect(fit.items).toBe(2)
    expect(fit.logLoss).toBeCloseTo(-(Math.log(p) + Math.log(1 - p)) / 2, 6)
    // One bin: mean prediction p against a recall rate of 1/2.
    expect(fit.rmseBins).toBeCloseTo(Math.abs(p - 0.5), 6)
  })

  it('keeps the newest fifth of the items out of the fit, and samples the rest past a size', () => {
    expect(heldOutFrom(100)).toBe(80)
    const items = itemsOf(Array.from({ length: 100 }, (_, i) => [[3, 3], [0, 1 + (i % 5)]]))
    const all = trainingSample(items, 80, 1_000)
    expect(all.sampled).toBe(false)
    expect(all.lengths).toHaveLength(80)
    const some = trainingSample(items, 80, 60)
    expect(some.sampled).toBe(true)
    expect(some.ratings.length).toBeLessThan(100)
    expect(some.ratings.length).toBe(some.lengths.reduce((a, b) => a + b, 0))
    // The same log gives the same sample.
    expect([...trainingSample(items, 80, 60).deltaDays]).toEqual([...some.deltaDays])
  })

  it('accepts only 21 finite weights, by ts-fsrs’s own check, and keeps a fit only when its log loss is lower', () => {
    expect(checkedWeights(default_w)).toEqual([...default_w])
    expect(checkedWeights([...default_w.slice(0, 20), Number.NaN])).toBeNull()
    expect(checkedWeights(default_w.slice(0, 19))).toBeNull()
    expect(checkedWeights(null)).toBeNull()
    const fit = (logLoss: number) => ({ logLoss, rmseBins: 0.05, items: 10 })
    expect(fitIsBetter(fit(0.3), fit(0.29))).toBe(true)
    expect(fitIsBetter(fit(0.3), fit(0.3))).toBe(false)
    expect(fitIsBetter(fit(0.3), fit(Number.NaN))).toBe(false)
  })

  it('never lets NaN weights reach the scheduler', () => {
    expect(normalizeSettings({ fsrsWeights: [...default_w.slice(0, 20), Number.NaN] }).fsrsWeights).toBeNull()
    expect(normalizeSettings({ fsrsWeights: 'x' }).fsrsWeights).toBeNull()
    const fitted = default_w.map((w, i) => (i === 2 ? w * 3 : w))
    expect(normalizeSettings({ fsrsWeights: fitted }).fsrsWeights).toEqual(fitted)
    // The weights change the schedule: a first Good lasts longer with a larger w[2].
    const now = Date.parse('2026-01-01T09:00:00Z')
    const plain = createScheduler({ ...normalizeSettings({}), learningSteps: [] }, { fuzz: false })
    const mine = createScheduler({ ...normalizeSettings({ fsrsWeights: fitted }), learningSteps: [] }, { fuzz: false })
    expect(mine.answer(newMemoryState(now), 'a', 3, now).intervalMs).toBeGreaterThan(plain.answer(newMemoryState(now), 'a', 3, now).intervalMs)
  })

  it('gives the interview decks their higher retention until the interview only', () => {
    const now = Date.parse('2026-01-01T09:00:00Z')
    const settings = { ...normalizeSettings({}), interviewRetention: { desiredRetention: 0.97, deckIds: ['interview'], untilMs: now + 10 * 86_400_000 } }
    const s = createScheduler(settings, { fuzz: false })
    const learnt = { ...newMemoryState(now - 5 * 86_400_000), state: 2 as const, stability: 20, difficulty: 5, lastReview: now - 5 * 86_400_000, reps: 3 }
    const interview = s.answer(learnt, 'a', 3, now, 'interview').intervalMs
    const other = s.answer(learnt, 'a', 3, now, 'pm-role').intervalMs
    expect(interview).toBeLessThan(other)
    const after = now + 11 * 86_400_000
    expect(s.answer(learnt, 'a', 3, after, 'interview').intervalMs).toBe(s.answer(learnt, 'a', 3, after, 'pm-role').intervalMs)
  })
})

describe('simulating a year', () => {
  const cards = (n: number): SimCards => ({
    isNew: new Uint8Array(n).fill(1),
    stability: new Float64Array(n),
    difficulty: new Float64Array(n),
    elapsedDays: new Int32Array(n),
    dueInDays: new Int32Array(n),
    boosted: new Uint8Array(n).fill(1),
  })
  const base = { weights: default_w, days: 365, newPerDay: 10, reviewsPerDay: 9999, maximumIntervalDays: 36500, learningSteps: 2, relearningSteps: 1, firstRatings: [0.2, 0.1, 0.6, 0.1], recallRatings: [0.2, 0.7, 0.1] }

  it('asks for more reviews and keeps more cards at a higher desired retention', () => {
    const low = simulate(cards(1000), { ...base, desiredRetention: 0.75 })
    const high = simulate(cards(1000), { ...base, desiredRetention: 0.95 })
    expect(high.reviewsPerDay).toBeGreaterThan(low.reviewsPerDay)
    expect(high.remembered).toBeGreaterThan(low.remembered)
    expect(high.remembered).toBeLessThanOrEqual(1000)
    expect(bestRetention([low, high])).toBe(low.remembered / low.reviews > high.remembered / high.reviews ? low : high)
  })

  it('prices a higher retention on some decks until a day', () => {
    const plain = simulate(cards(500), { ...base, days: 30, desiredRetention: 0.9 })
    const boosted = simulate(cards(500), { ...base, days: 30, desiredRetention: 0.9, boost: { desiredRetention: 0.97, untilDay: 30 } })
    expect(boosted.reviewsPerDay).toBeGreaterThan(plain.reviewsPerDay)
  })
})

describe('the simulator’s FSRS formulas', () => {
  it('give ts-fsrs’s stability, difficulty, recall and interval', async () => {
    const { FSRSAlgorithm, generatorParameters } = await import('ts-fsrs')
    const { fsrsModel } = await import('../../src/domain/optimizer/simulate')
    const weights = default_w.map((w, i) => (i === 9 ? w * 1.3 : i === 19 ? w * 0.7 : w))
    const model = fsrsModel(weights, 36500)
    for (const r of [0.7, 0.9, 0.97]) {
      const alg = new FSRSAlgorithm(generatorParameters({ w: weights, request_retention: r, enable_short_term: true, enable_fuzz: false }))
      let mine = { s: 0, d: 0 }
      model.first(mine, 3)
      let theirs = alg.next_state(null, 0, 3)
      for (const [t, g] of [[0, 3], [0, 1], [1, 3], [4, 2], [10, 1], [0, 3], [3, 4], [30, 3]] as const) {
        model.next(mine, t, g)
        theirs = alg.next_state(theirs, t, g)
        expect(mine.s).toBeCloseTo(theirs.stability, 5)
        expect(mine.d).toBeCloseTo(theirs.difficulty, 5)
        expect(model.recall(t + 2, mine.s)).toBeCloseTo(alg.forgetting_curve(t + 2, theirs.stability), 6)
        expect(model.interval(mine.s, r)).toBe(alg.next_interval(theirs.stability, 0))
      }
      mine = { s: 0, d: 0 }
    }
  })
})
