// Headline figures from the card totals: forecast and backlog, memory averages, per-deck mastery.
import type { CardTotals } from './card-totals'

export interface ForecastSummary {
  /** Due today, overdue included: the backlog to clear today. */
  dueToday: number
  overdue: number
  dueTomorrow: number
  /** Due over the forecast window, today included. */
  total: number
  averagePerDay: number
  dailyLoad: number
}

export function forecastSummary(t: CardTotals): ForecastSummary {
  const perDay = t.forecast.learning.map((n, i) => n + t.forecast.review[i]!)
  const total = perDay.reduce((a, b) => a + b, 0)
  return {
    dueToday: perDay[0] ?? 0,
    overdue: t.overdue,
    dueTomorrow: perDay[1] ?? 0,
    total,
    averagePerDay: total / perDay.length,
    dailyLoad: t.dailyLoad,
  }
}

export interface MemorySummary {
  studied: number
  /** Sum of retrievabilities: how many studied cards the learner would recall right now. */
  expectedRecalled: number
  averageRetrievability: number | null
  /** The same RECALL_HORIZON_DAYS ahead with no review: what lasts, unlike recall just after a review. */
  expectedRecalledLater: number
  averageRetrievabilityLater: number | null
  mastered: number
  averageStabilityDays: number | null
  /** FSRS difficulty 1-10 shown as 0-1, as in Anki. */
  averageDifficulty: number | null
}

export function memorySummary(t: CardTotals): MemorySummary {
  const n = t.studied
  return {
    studied: n,
    expectedRecalled: t.retrievabilitySum,
    averageRetrievability: n === 0 ? null : t.retrievabilitySum / n,
    expectedRecalledLater: t.retrievabilityLaterSum,
    averageRetrievabilityLater: n === 0 ? null : t.retrievabilityLaterSum / n,
    mastered: t.mastered,
    averageStabilityDays: n === 0 ? null : t.stabilitySumDays / n,
    averageDifficulty: n === 0 ? null : (t.difficultySum / n - 1) / 9,
  }
}

export interface DeckMastery {
  deckId: string
  total: number
  mastered: number
  /** Studied but below the mastery threshold: the part that needs work. */
  shaky: number
  neverStudied: number
  studied: number
  masteredShare: number
  neverStudiedShare: number
  /** Average recall of the studied cards RECALL_HORIZON_DAYS ahead; null when none is studied. */
  recallLater: number | null
}

/** One row per deck, in the order given; decks without cards are left out. */
export function deckMastery(byDeck: ReadonlyMap<string, CardTotals>, deckIds: readonly string[]): DeckMastery[] {
  const rows: DeckMastery[] = []
  for (const deckId of deckIds) {
    const t = byDeck.get(deckId)
    if (!t || t.total === 0) continue
    rows.push({
      deckId,
      total: t.total,
      mastered: t.mastered,
      shaky: t.total - t.mastered - t.neverStudied,
      neverStudied: t.neverStudied,
      studied: t.studied,
      masteredShare: t.mastered / t.total,
      neverStudiedShare: t.neverStudied / t.total,
      recallLater: t.studied === 0 ? null : t.retrievabilityLaterSum / t.studied,
    })
  }
  return rows
}

/**
 * The studied deck that most needs work: lowest recall RECALL_HORIZON_DAYS ahead (mastery is 0 for
 * every deck after a first pass, so it cannot rank them), then lowest mastered share. Decks never
 * studied are not candidates: they are listed apart.
 */
export function weakestDeck(rows: readonly DeckMastery[]): DeckMastery | null {
  let best: DeckMastery | null = null
  for (const r of rows) {
    if (r.recallLater === null) continue
    if (!best || r.recallLater < best.recallLater! || (r.recallLater === best.recallLater && r.masteredShare < best.masteredShare)) best = r
  }
  return best
}

/** Decks with cards, none of them studied yet. */
export const neverStudiedDecks = (rows: readonly DeckMastery[]) => rows.filter((r) => r.studied === 0)
