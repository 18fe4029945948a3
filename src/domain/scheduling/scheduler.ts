// The single ts-fsrs wrapper: settings in, previews of all four grades and answers out.
import {
  checkParameters,
  fsrs,
  generatorParameters,
  GenSeedStrategyWithCardId,
  Rating,
  StrategyMode,
  type Card,
  type Grade,
  type StepUnit,
} from 'ts-fsrs'
import type { Settings } from '../settings'
import { DAY_MS } from '../time/study-day'
import type { GradeValue, MemoryState } from './schedule'

export interface SchedulerOptions {
  /** Fuzz spreads reviews over nearby days; seeded by card id and review count, so reproducible. */
  fuzz: boolean
}

export interface Outcome {
  grade: GradeValue
  next: MemoryState
  /** Time until the card is due again, in ms. */
  intervalMs: number
}

export type Previews = Record<GradeValue, Outcome>

interface SeededCard extends Card {
  cardId: string
}

function toCard(s: MemoryState, cardId: string): SeededCard {
  const card: SeededCard = {
    cardId,
    due: new Date(s.due),
    stability: s.stability,
    difficulty: s.difficulty,
    elapsed_days: s.elapsedDays,
    scheduled_days: s.scheduledDays,
    learning_steps: s.learningSteps,
    reps: s.reps,
    lapses: s.lapses,
    state: s.state as number,
  }
  if (s.lastReview !== null) card.last_review = new Date(s.lastReview)
  return card
}

function fromCard(c: Card): MemoryState {
  return {
    due: c.due.getTime(),
    stability: c.stability,
    difficulty: c.difficulty,
    elapsedDays: c.elapsed_days,
    scheduledDays: c.scheduled_days,
    learningSteps: c.learning_steps,
    reps: c.reps,
    lapses: c.lapses,
    state: c.state as number as MemoryState['state'],
    lastReview: c.last_review ? c.last_review.getTime() : null,
  }
}

export type SchedulerSettings = Pick<Settings, 'desiredRetention' | 'learningSteps' | 'relearningSteps' | 'maximumIntervalDays'> &
  Partial<Pick<Settings, 'fsrsWeights' | 'interviewRetention'>>

/** The weights ts-fsrs accepts, or undefined for its defaults (a damaged set never schedules). */
function weightsOf(w: readonly number[] | null | undefined): number[] | undefined {
  if (!w || w.length !== 21) return undefined
  try {
    return [...checkParameters(w)]
  } catch {
    return undefined
  }
}

export function createScheduler(settings: SchedulerSettings, options: SchedulerOptions) {
  const engineAt = (desiredRetention: number) =>
    fsrs(
      generatorParameters({
        w: weightsOf(settings.fsrsWeights),
        request_retention: desiredRetention,
        maximum_interval: settings.maximumIntervalDays,
        learning_steps: settings.learningSteps as StepUnit[],
        relearning_steps: settings.relearningSteps as StepUnit[],
        enable_fuzz: options.fuzz,
        enable_short_term: true,
      }),
    ).useStrategy(StrategyMode.SEED, GenSeedStrategyWithCardId('cardId'))
  const engine = engineAt(settings.desiredRetention)
  const boost = settings.interviewRetention ?? null
  const boostDecks = new Set(boost?.deckIds ?? [])
  let boosted: typeof engine | null = null
  /** The interview decks' higher retention applies to answers given before the interview's day. */
  const engineFor = (deckId: string | undefined, nowMs: number) => {
    if (!boost || deckId === undefined || !boostDecks.has(deckId) || nowMs >= boost.untilMs) return engine
    boosted ??= engineAt(boost.desiredRetention)
    return boosted
  }

  function answer(state: MemoryState, cardId: string, grade: GradeValue, nowMs: number, deckId?: string): Outcome {
    const item = engineFor(deckId, nowMs).next(toCard(state, cardId), new Date(nowMs), grade as Grade)
    const next = fromCard(item.card)
    // ts-fsrs keeps Hard < Good < Easy by pushing intervals up to 2 days past the maximum; cap them.
    if (next.scheduledDays > settings.maximumIntervalDays) {
      next.scheduledDays = settings.maximumIntervalDays
      next.due = nowMs + settings.maximumIntervalDays * DAY_MS
    }
    return { grade, next, intervalMs: next.due - nowMs }
  }

  return {
    answer,
    /** All four outcomes at once, before the learner answers (what the grade buttons show). */
    preview(state: MemoryState, cardId: string, nowMs: number, deckId?: string): Previews {
      return {
        1: answer(state, cardId, Rating.Again as GradeValue, nowMs, deckId),
        2: answer(state, cardId, Rating.Hard as GradeValue, nowMs, deckId),
        3: answer(state, cardId, Rating.Good as GradeValue, nowMs, deckId),
        4: answer(state, cardId, Rating.Easy as GradeValue, nowMs, deckId),
      }
    },
    /** Probability of recall now (0 for a card never studied). */
    retrievability(state: MemoryState, cardId: string, nowMs: number): number {
      if (state.state === 0) return 0
      if (state.lastReview === null) return engine.get_retrievability(toCard(state, cardId), new Date(nowMs), false)
      // What get_retrievability computes (whole days since the last review, the stability to 8
      // decimals), without a Card and two Dates per call: the stats fold asks for every card.
      const days = Math.max(Math.floor((nowMs - state.lastReview) / 86_400_000), 0)
      return engine.forgetting_curve(days, +state.stability.toFixed(8))
    },
    /** Back to new (Browse's "reset"), keeping the counts of past reviews. */
    forget(state: MemoryState, cardId: string, nowMs: number): MemoryState {
      return fromCard(engine.forget(toCard(state, cardId), new Date(nowMs), false).card)
    },
  }
}

export type Scheduler = ReturnType<typeof createScheduler>
