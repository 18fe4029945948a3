// Leeches: cards the learner keeps forgetting, found when a lapse reaches the threshold (as Anki).

export const LEECH_TAG = 'leech'

export type LeechAction = 'suspend' | 'tag'

export interface LeechSettings {
  /** Lapses at which a card becomes a leech (Anki's default: 8). */
  leechThreshold: number
  /** What happens then: suspend the card (default) or only tag it. */
  leechAction: LeechAction
}

/**
 * True when an answer that took lapses from `before` to `after` makes the card a leech: at the
 * threshold, then again every half threshold (8, 12, 16…), so an unsuspended leech is flagged
 * again if it keeps failing, as Anki does.
 */
export function becomesLeech(before: number, after: number, threshold: number): boolean {
  if (after <= before || after < threshold) return false
  const every = Math.max(1, Math.ceil(threshold / 2))
  return (after - threshold) % every === 0
}

/** Tags with the leech tag added once. */
export function withLeechTag(tags: readonly string[]): string[] {
  return tags.includes(LEECH_TAG) ? [...tags] : [...tags, LEECH_TAG]
}

export function isLeech(tags: readonly string[]): boolean {
  return tags.includes(LEECH_TAG)
}
