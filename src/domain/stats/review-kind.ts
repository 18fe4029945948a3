// How a review or a card is classified in the statistics: kind of review, young or mature, button group.
import { CardState, type CardState as State } from '../scheduling/schedule'

/** Anki's threshold: a card whose interval is 21 days or more is mature. */
export const MATURE_DAYS = 21

export const REVIEW_KINDS = ['learning', 'review', 'relearning'] as const
export type ReviewKind = (typeof REVIEW_KINDS)[number]

/** Answer-button groups, as in Anki: learning steps (new, learning, relearning), young, mature. */
export const BUTTON_GROUPS = ['learning', 'young', 'mature'] as const
export type ButtonGroup = (typeof BUTTON_GROUPS)[number]

/** Index into REVIEW_KINDS of a review, from the card's state before the answer. */
export function reviewKindIndex(stateBefore: State): 0 | 1 | 2 {
  if (stateBefore === CardState.Review) return 1
  if (stateBefore === CardState.Relearning) return 2
  // A new card's first answer starts its learning steps: Anki counts it as learning too.
  return 0
}

export function isMature(intervalDays: number): boolean {
  return intervalDays >= MATURE_DAYS
}

/** Index into BUTTON_GROUPS of a review, from the card's state and interval before the answer. */
export function buttonGroupIndex(stateBefore: State, intervalDaysBefore: number): 0 | 1 | 2 {
  if (stateBefore !== CardState.Review) return 0
  return isMature(intervalDaysBefore) ? 2 : 1
}
