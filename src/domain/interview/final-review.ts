// The final review: studied cards whose recall on the interview day would fall below the target.
import { CardState, type Schedule } from '../scheduling/schedule'

export interface FinalReviewCard {
  cardId: string
  /** Probability of recall at the interview if the card is not reviewed before. */
  retrievability: number
}

export interface FinalReviewInput {
  schedules: Iterable<Pick<Schedule, 'cardId' | 'state' | 'suspended' | 'retired'>>
  /** The interview (its noon); a moment already past is replaced by `nowMs`. */
  interviewMs: number
  nowMs: number
  desiredRetention: number
  /** Recall probability of a card at a moment (the scheduler's). */
  retrievability: (cardId: string, atMs: number) => number
}

/** Weakest first; ties in card id order, so the list is stable. */
export function finalReviewCards(input: FinalReviewInput): FinalReviewCard[] {
  const at = Math.max(input.interviewMs, input.nowMs)
  const out: FinalReviewCard[] = []
  for (const s of input.schedules) {
    if (s.state === CardState.New || s.suspended || s.retired) continue
    const r = input.retrievability(s.cardId, at)
    if (r < input.desiredRetention) out.push({ cardId: s.cardId, retrievability: r })
  }
  return out.sort((a, b) => a.retrievability - b.retrievability || (a.cardId < b.cardId ? -1 : a.cardId > b.cardId ? 1 : 0))
}
