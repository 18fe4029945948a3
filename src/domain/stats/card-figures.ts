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
  masteredShare: number
  neverStudiedShare: number
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
      masteredShare: t.mastered / t.total,
      neverStudiedShare: t.neverStudied / t.total,
    })
  }
  return rows
}

/** The deck that most needs work before an interview: lowest mastered share, then most never studied. */
export function weakestDeck(rows: readonly DeckMastery[]): DeckMastery | null {
  let best: DeckMastery | null = null
  for (const r of rows) {
    if (!best || r.masteredShare < best.masteredShare || (r.masteredShare === best.masteredShare && r.neverStudiedShare > best.neverStudiedShare)) best = r
  }
  return best
}
