// One pass over the schedules, per deck: counts by state, forecast, memory distributions, mastery.
import { CardState, type MemoryState } from '../scheduling/schedule'
import { dayIndex, type DayClock } from '../time/study-day'
import { createDayGrid } from './day-grid'
import { isMature } from './review-kind'

export const FORECAST_DAYS = 30
/** Retrievability histogram: 20 bins of 5 %. */
export const R_BINS = 20
/**
 * A card counts as mastered once FSRS expects it to be kept 21 days or more (stability >= 21 days,
 * Anki's "mature"): recall right after a review is near 1 for every card, even one failed minutes ago.
 */
export const MASTERED_STABILITY_DAYS = 21
/** The lasting recall figures look this far ahead, without any review in between. */
export const RECALL_HORIZON_DAYS = 30
const DAY_MS = 86_400_000
/** Upper bounds (days) of the stability bins; the last bin is open-ended. */
export const STABILITY_BOUNDS_DAYS = [1, 2, 4, 7, 14, 30, 60, 120, 240, 365, 730] as const
/** Difficulty histogram: 10 bins over FSRS's 1-10 scale, shown as 0-100 %. */
export const DIFFICULTY_BINS = 10

/** What the statistics need of a schedule row (a ScheduleRow has all of it). */
export interface ScheduledCard extends MemoryState {
  cardId: string
  deckId: string
  suspended: boolean
  buriedUntilDay: number
  retired: boolean
}

/** The scheduler's probability of recall (createScheduler(...).retrievability). */
export type RetrievabilityFn = (state: MemoryState, cardId: string, nowMs: number) => number

/** Exclusive counts, as in Anki: a suspended or buried card is counted only as such. */
export interface CardCounts {
  new: number
  learning: number
  relearning: number
  young: number
  mature: number
  suspended: number
  buried: number
}

export interface CardTotals {
  /** Cards not retired. */
  total: number
  counts: CardCounts
  /** Cards never studied (state new), suspended or not. */
  neverStudied: number
  /** Due per study day, today first (today includes the overdue), not suspended. */
  forecast: { learning: number[]; review: number[] }
  /** Of today's due, those due before today started. */
  overdue: number
  /** Anki's daily load: reviews per day in the long run, the sum of 1 / interval. */
  dailyLoad: number
  /** Cards studied at least once: the population of the memory figures. */
  studied: number
  retrievability: number[]
  /** Expected number of studied cards recalled right now. */
  retrievabilitySum: number
  /** Expected number of studied cards recalled RECALL_HORIZON_DAYS from now, with no review until then. */
  retrievabilityLaterSum: number
  /** Studied cards with stability >= MASTERED_STABILITY_DAYS. */
  mastered: number
  stability: number[]
  stabilitySumDays: number
  difficulty: number[]
  difficultySum: number
}

export function emptyCardTotals(): CardTotals {
  return {
    total: 0,
    counts: { new: 0, learning: 0, relearning: 0, young: 0, mature: 0, suspended: 0, buried: 0 },
    neverStudied: 0,
    forecast: { learning: new Array<number>(FORECAST_DAYS).fill(0), review: new Array<number>(FORECAST_DAYS).fill(0) },
    overdue: 0,
    dailyLoad: 0,
    studied: 0,
    retrievability: new Array<number>(R_BINS).fill(0),
    retrievabilitySum: 0,
    retrievabilityLaterSum: 0,
    mastered: 0,
    stability: new Array<number>(STABILITY_BOUNDS_DAYS.length + 1).fill(0),
    stabilitySumDays: 0,
    difficulty: new Array<number>(DIFFICULTY_BINS).fill(0),
    difficultySum: 0,
  }
}

export function stabilityBin(days: number): number {
  let i = 0
  while (i < STABILITY_BOUNDS_DAYS.length && days >= STABILITY_BOUNDS_DAYS[i]!) i++
  return i
}

export function difficultyBin(difficulty: number): number {
  const share = (difficulty - 1) / 9
  // The epsilon keeps exact bounds (1.9 is 10 %) out of floating-point rounding.
  return Math.min(DIFFICULTY_BINS - 1, Math.max(0, Math.floor(share * DIFFICULTY_BINS + 1e-9)))
}

export interface CardAccumulator {
  today: number
  add(card: ScheduledCard): void
  byDeck(): Map<string, CardTotals>
}

export function createCardAccumulator(nowMs: number, clock: DayClock, retrievability: RetrievabilityFn): CardAccumulator {
  const today = dayIndex(nowMs, clock)
  const grid = createDayGrid(today, today + FORECAST_DAYS - 1, clock)
  const decks = new Map<string, CardTotals>()

  function add(s: ScheduledCard) {
    if (s.retired) return
    let t = decks.get(s.deckId)
    if (!t) {
      t = emptyCardTotals()
      decks.set(s.deckId, t)
    }
    t.total++
    const isNew = s.state === CardState.New
    if (isNew) t.neverStudied++
    if (s.suspended) t.counts.suspended++
    else if (s.buriedUntilDay >= today) t.counts.buried++
    else if (isNew) t.counts.new++
    else if (s.state === CardState.Learning) t.counts.learning++
    else if (s.state === CardState.Relearning) t.counts.relearning++
    else if (isMature(s.scheduledDays)) t.counts.mature++
    else t.counts.young++
    if (isNew) return

    if (!s.suspended) {
      // Outside the forecast's span the exact day is not needed (and slow to get for far dates).
      if (s.due < grid.endMs) {
        const overdue = s.due < grid.startMs
        if (overdue) t.overdue++
        const series = s.state === CardState.Review ? t.forecast.review : t.forecast.learning
        series[overdue ? 0 : grid.dayOf(s.due) - today]! += 1
      }
      t.dailyLoad += 1 / Math.max(1, s.scheduledDays)
    }

    t.studied++
    const r = retrievability(s, s.cardId, nowMs)
    t.retrievability[Math.min(R_BINS - 1, Math.max(0, Math.floor(r * R_BINS)))]! += 1
    t.retrievabilitySum += r
    t.retrievabilityLaterSum += retrievability(s, s.cardId, nowMs + RECALL_HORIZON_DAYS * DAY_MS)
    if (s.stability >= MASTERED_STABILITY_DAYS) t.mastered++
    t.stability[stabilityBin(s.stability)]! += 1
    t.stabilitySumDays += s.stability
    t.difficulty[difficultyBin(s.difficulty)]! += 1
    t.difficultySum += s.difficulty
  }

  return { today, add, byDeck: () => decks }
}

const addInto = (into: number[], from: readonly number[]) => from.forEach((v, i) => (into[i]! += v))

export function combineCardTotals(parts: Iterable<CardTotals>): CardTotals {
  const out = emptyCardTotals()
  for (const p of parts) {
    out.total += p.total
    for (const k of Object.keys(out.counts) as (keyof CardCounts)[]) out.counts[k] += p.counts[k]
    out.neverStudied += p.neverStudied
    addInto(out.forecast.learning, p.forecast.learning)
    addInto(out.forecast.review, p.forecast.review)
    out.overdue += p.overdue
    out.dailyLoad += p.dailyLoad
    out.studied += p.studied
    addInto(out.retrievability, p.retrievability)
    out.retrievabilitySum += p.retrievabilitySum
    out.retrievabilityLaterSum += p.retrievabilityLaterSum
    out.mastered += p.mastered
    addInto(out.stability, p.stability)
    out.stabilitySumDays += p.stabilitySumDays
    addInto(out.difficulty, p.difficulty)
    out.difficultySum += p.difficultySum
  }
  return out
}

/** The figures of a whole set of schedules, for every deck (deckId null) or one. */
export function cardTotalsOf(
  cards: Iterable<ScheduledCard>,
  nowMs: number,
  clock: DayClock,
  retrievability: RetrievabilityFn,
  deckId: string | null = null,
): CardTotals {
  const acc = createCardAccumulator(nowMs, clock, retrievability)
  for (const c of cards) if (deckId === null || c.deckId === deckId) acc.add(c)
  return combineCardTotals(acc.byDeck().values())
}
