// The cards the review screen reads ahead while the learner looks at the one on screen: showing
// the next one is then a look-up, not a database read in the key press's task.
import type { CardRow, ScheduleRow } from '../../db/database'
import { getDb } from '../../db/database'
import { loadCardsForStudy } from '../../db/study-reads'
import { pickNext, withoutCard, type StudyQueue } from '../../domain/queue/build-queue'

export interface StudyRow {
  card: CardRow
  schedule: ScheduleRow
}

/** How many upcoming cards are read ahead. */
const PREFETCH_DEPTH = 3

export function createReadAhead() {
  const prefetched = new Map<string, StudyRow>()
  /** Told of the cards read ahead (the review screen prepares how they look). */
  const listeners = new Set<(cards: CardRow[]) => void>()

  /** The card if it was read ahead; it is no longer kept. */
  function take(cardId: string): StudyRow | undefined {
    const row = prefetched.get(cardId)
    prefetched.delete(cardId)
    return row
  }

  /** Forgets a card read ahead (it was answered or changed: its row is no longer current). */
  function drop(cardId: string) {
    prefetched.delete(cardId)
  }

  function clear() {
    prefetched.clear()
  }

  /**
   * Reads the cards that follow the one on screen, whatever grade it gets. Three cards ahead: a
   * read made now waits for the answer being written (IndexedDB orders transactions), so the card
   * after next is read while the learner is still on this one.
   */
  function readAfter(queue: StudyQueue, onScreen: string, nowMs: number) {
    const ids: string[] = []
    let rest = withoutCard(queue, onScreen)
    for (let i = 0; i < PREFETCH_DEPTH; i++) {
      const step = pickNext(rest, nowMs)
      if (step.kind !== 'card') break
      ids.push(step.card.cardId)
      rest = withoutCard(rest, step.card.cardId)
    }
    for (const id of prefetched.keys()) if (!ids.includes(id)) prefetched.delete(id)
    const missing = ids.filter((id) => !prefetched.has(id))
    if (missing.length === 0) return
    void loadCardsForStudy(getDb(), missing).then((rows) => {
      for (const row of rows) prefetched.set(row.card.id, row)
      for (const listener of listeners) listener(rows.map((r) => r.card))
    })
  }

  function onPrefetch(listener: (cards: CardRow[]) => void): () => void {
    listeners.add(listener)
    return () => listeners.delete(listener)
  }

  return { take, drop, clear, readAfter, onPrefetch }
}
