// A card's memory state as stored: the ts-fsrs card with dates as epoch ms, plus queue flags.
export const CardState = { New: 0, Learning: 1, Review: 2, Relearning: 3 } as const
export type CardState = (typeof CardState)[keyof typeof CardState]

export type GradeValue = 1 | 2 | 3 | 4
export const GRADES: readonly GradeValue[] = [1, 2, 3, 4]

/** The ts-fsrs card fields, dates in epoch ms. */
export interface MemoryState {
  due: number
  stability: number
  difficulty: number
  elapsedDays: number
  scheduledDays: number
  learningSteps: number
  reps: number
  lapses: number
  state: CardState
  lastReview: number | null
}

export interface Schedule extends MemoryState {
  cardId: string
  deckId: string
  /** Order of introduction of a new card inside its deck. */
  position: number
  suspended: boolean
  /** Study day index until which the card is hidden (inclusive); 0 when not buried. */
  buriedUntilDay: number
  /** The card left its deck file: kept with its history, never shown. */
  retired: boolean
  /** Marked by the learner in Browse; absent on rows written before flags existed (= false). */
  flagged?: boolean
  /** Write counter, bumped on every change: a grade on a stale version is refused. */
  version: number
}

export const MEMORY_FIELDS = [
  'due', 'stability', 'difficulty', 'elapsedDays', 'scheduledDays',
  'learningSteps', 'reps', 'lapses', 'state', 'lastReview',
] as const satisfies ReadonlyArray<keyof MemoryState>

export function memoryOf(s: MemoryState): MemoryState {
  const out = {} as Record<string, unknown>
  for (const k of MEMORY_FIELDS) out[k] = s[k]
  return out as unknown as MemoryState
}

export function newMemoryState(nowMs: number): MemoryState {
  return {
    due: nowMs,
    stability: 0,
    difficulty: 0,
    elapsedDays: 0,
    scheduledDays: 0,
    learningSteps: 0,
    reps: 0,
    lapses: 0,
    state: CardState.New,
    lastReview: null,
  }
}
