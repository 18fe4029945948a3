// Grades proposed by the interactive card kinds; the learner can always pick another one.
import type { GradeValue } from '../scheduling/schedule'

/** A choice card: right → Good, wrong (or no pick) → Again. */
export function proposeChoiceGrade(pickedCorrect: boolean | null): GradeValue {
  return pickedCorrect ? 3 : 1
}

/**
 * An interview card, from the share of key points covered: under 40 % → Again, under 70 % → Hard,
 * under 100 % → Good, all of them → Easy.
 */
export function proposeInterviewGrade(covered: number, total: number): GradeValue {
  if (total <= 0) return 3
  const share = Math.min(covered, total) / total
  if (share < 0.4) return 1
  if (share < 0.7) return 2
  if (share < 1) return 3
  return 4
}

function seedFrom(text: string): number {
  let h = 0x811c9dc5
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193)
  return h >>> 0
}

/**
 * A shuffled order of `n` items, fixed for a seed (card id and review count): the options keep
 * their order while a card is on screen, after an undo, and in tests.
 */
export function shuffledOrder(n: number, seed: string): number[] {
  let state = seedFrom(seed) || 1
  const next = () => {
    // mulberry32
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
  const order = Array.from({ length: n }, (_, i) => i)
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1))
    ;[order[i], order[j]] = [order[j]!, order[i]!]
  }
  return order
}
