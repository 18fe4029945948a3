// Home screen data: each deck with today's new / learning / review counts, and the totals.
import { defineStore } from 'pinia'
import { ref, shallowRef } from 'vue'
import { getDb, type DeckRow } from '../db/database'
import { listDecks } from '../db/deck-repository'
import { loadStudyContext, queueFor } from '../db/study-context'
import { nextDueAfter } from '../db/study-repository'
import { queueCounts, type QueueCounts } from '../domain/queue/build-queue'
import { clock } from '../composables/clock'
import { useSettingsStore } from './settings'

export interface DeckOverview {
  deck: DeckRow
  counts: QueueCounts
  cardCount: number
}

export const useOverviewStore = defineStore('overview', () => {
  const decks = shallowRef<DeckOverview[]>([])
  const total = ref<QueueCounts>({ new: 0, learning: 0, review: 0 })
  const nextDueMs = ref<number | null>(null)
  const loaded = ref(false)

  async function refresh() {
    const db = getDb()
    const { settings } = useSettingsStore()
    const now = clock.now()
    const [ctx, rows] = await Promise.all([loadStudyContext(db, settings, now, clock.timeZone()), listDecks(db)])
    const sizes = new Map<string, number>()
    await db.schedules.each((c) => {
      if (!c.retired) sizes.set(c.deckId, (sizes.get(c.deckId) ?? 0) + 1)
    })
    decks.value = rows.map((deck) => ({
      deck,
      counts: queueCounts(queueFor(ctx, settings, deck.id)),
      cardCount: sizes.get(deck.id) ?? 0,
    }))
    total.value = queueCounts(queueFor(ctx, settings, null))
    nextDueMs.value = await nextDueAfter(db, now)
    loaded.value = true
  }

  return { decks, total, nextDueMs, loaded, refresh }
})
