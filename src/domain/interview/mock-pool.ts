// A mock interview and the study pool: the questions drawn from it, and the cards it sends the learner back to.
import type { CardContent } from '../content/card'
import type { Schedule } from '../scheduling/schedule'
import { relatedCardIds, type MockAnswer, type RelatedCard } from './mock-summary'
import { selectQuestions, topicStrengths } from './select-questions'

/** A card of the pool: the active cards of the visible decks, each with its schedule. */
export type PoolCard = Pick<CardContent, 'id' | 'deckId' | 'source' | 'position' | 'content'>

export interface MockDrawInput {
  cards: readonly PoolCard[]
  schedules: ReadonlyMap<string, Pick<Schedule, 'suspended'>>
  /** Probability of recall of a card now; 0 for a card never studied. */
  retrievability: (cardId: string) => number
  count: number
  seed: string
  /** Questions of the previous mock interview. */
  recent: ReadonlySet<string>
}

const suspended = (schedules: MockDrawInput['schedules'], cardId: string) => schedules.get(cardId)?.suspended === true

/**
 * The questions of a new mock interview: interview cards that are not suspended, weighted by how
 * well their topic is known, a topic's strength counting every card of it (any kind).
 */
export function drawMockQuestions(input: MockDrawInput): string[] {
  const strengths = topicStrengths(input.cards.map((c) => ({ topic: c.source, retrievability: input.retrievability(c.id) })))
  const candidates = input.cards
    .filter((c) => c.content.kind === 'interview' && !suspended(input.schedules, c.id))
    .map((c) => ({ cardId: c.id, deckId: c.deckId, topic: c.source }))
  return selectQuestions({ candidates, strengths, count: input.count, seed: input.seed, recent: input.recent })
}

/** The cards to study after a mock interview (see relatedCardIds), in deck order, then card order. */
export function cardsRelatedToMock(
  answers: readonly MockAnswer[],
  pool: { cards: readonly PoolCard[]; schedules: MockDrawInput['schedules']; deckOrder: readonly string[] },
): string[] {
  const deckRank = new Map(pool.deckOrder.map((id, i) => [id, i]))
  const cards: RelatedCard[] = pool.cards.map((c) => ({
    id: c.id,
    topic: c.source,
    deckRank: deckRank.get(c.deckId) ?? pool.deckOrder.length,
    position: c.position,
    active: !suspended(pool.schedules, c.id),
  }))
  return relatedCardIds(answers, cards)
}
