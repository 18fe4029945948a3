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
  /**
   * The learner's flag, one of Anki's seven colours (FLAG_COLORS), or 0 / absent for none. Rows
   * written before colours existed had `flagged: true`: the database's version 4 made them red (1).
   */
  flag?: FlagColor
  /** Write counter, bumped on every change: a grade on a stale version is refused. */
  version: number
}

/** Anki's flags, in its order (Ctrl+1 to Ctrl+7): 1 red, 2 orange, 3 green, 4 blue, 5 pink, 6 turquoise, 7 purple. */
export const FLAG_COLORS = ['red', 'orange', 'green', 'blue', 'pink', 'turquoise', 'purple'] as const
export type FlagColor = 0 | 1 | 2 | 3 | 4 | 5 | 6 | 7

export function isFlagColor(n: unknown): n is FlagColor {
  return typeof n === 'number' && Number.isInteger(n) && n >= 0 && n <= FLAG_COLORS.length
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
