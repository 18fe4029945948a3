// Draws the questions of a mock interview: spread across topics, weighted toward the weakest ones.
import { seededRandom } from './random'

export interface QuestionCandidate {
  cardId: string
  deckId: string
  /** The section of the material the question belongs to. */
  topic: string
}

/** A card of any kind, for measuring how well a topic is known. */
export interface TopicCard {
  topic: string
  /** Probability of recall now; 0 for a card never studied. */
  retrievability: number
}

export interface TopicStrength {
  topic: string
  /** Mean probability of recall over the topic's cards, a card never studied counting as 0. */
  meanRetrievability: number
  /** Cards of the topic already studied at least once. */
  studied: number
  cards: number
}

/** Even the best-known topic keeps a chance to be drawn, so a mock stays a mock. */
export const WEIGHT_FLOOR = 0.1
/** A question asked in the previous mock interview is half as likely to come back at once. */
export const RECENT_FACTOR = 0.5

export const MOCK_SIZES = [5, 10, 15] as const

export function topicStrengths(cards: Iterable<TopicCard>): Map<string, TopicStrength> {
  const sums = new Map<string, { sum: number; studied: number; cards: number }>()
  for (const c of cards) {
    const s = sums.get(c.topic) ?? { sum: 0, studied: 0, cards: 0 }
    s.sum += Math.min(1, Math.max(0, c.retrievability))
    s.studied += c.retrievability > 0 ? 1 : 0
    s.cards++
    sums.set(c.topic, s)
  }
  return new Map(
    [...sums].map(([topic, s]) => [topic, { topic, meanRetrievability: s.sum / s.cards, studied: s.studied, cards: s.cards }]),
  )
}

/** The weaker the topic (lower mean recall, or never studied), the heavier: from 0.1 to 1.1. */
export function topicWeight(strength: TopicStrength | undefined): number {
  return WEIGHT_FLOOR + (1 - (strength?.meanRetrievability ?? 0))
}

export interface SelectInput {
  candidates: readonly QuestionCandidate[]
  strengths: ReadonlyMap<string, TopicStrength>
  count: number
  seed: string
  /** Questions of the previous mock interview. */
  recent?: ReadonlySet<string>
}

/**
 * Weighted draw without replacement. A topic gets a second question only once every topic that
 * still has questions has one (then a third once all have two...), so the draw is spread across
 * topics; within that rule, weak topics are drawn first and more often, and a deck already drawn
 * from weighs less, so the questions also spread across decks.
 */
export function selectQuestions(input: SelectInput): string[] {
  const random = seededRandom(input.seed)
  // A card listed twice is still one question.
  const left = [...new Map(input.candidates.map((c) => [c.cardId, c])).values()]
  const topicUses = new Map<string, number>()
  const deckUses = new Map<string, number>()
  const picked: string[] = []
  while (picked.length < input.count && left.length > 0) {
    const fewest = Math.min(...left.map((c) => topicUses.get(c.topic) ?? 0))
    const eligible = left.filter((c) => (topicUses.get(c.topic) ?? 0) === fewest)
    const weights = eligible.map(
      (c) =>
        (topicWeight(input.strengths.get(c.topic)) / (1 + (deckUses.get(c.deckId) ?? 0))) *
        (input.recent?.has(c.cardId) ? RECENT_FACTOR : 1),
    )
    const total = weights.reduce((a, b) => a + b, 0)
    let r = random() * total
    let i = 0
    while (i < eligible.length - 1 && r >= weights[i]!) r -= weights[i++]!
    const choice = eligible[i]!
    picked.push(choice.cardId)
    left.splice(left.indexOf(choice), 1)
    topicUses.set(choice.topic, (topicUses.get(choice.topic) ?? 0) + 1)
    deckUses.set(choice.deckId, (deckUses.get(choice.deckId) ?? 0) + 1)
  }
  return picked
}
