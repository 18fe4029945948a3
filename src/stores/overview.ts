// Home screen data: each deck with today's new / learning / review counts and its size, the totals,
// and the daily limits that keep cards back today.
import { defineStore } from 'pinia'
import { ref, shallowRef } from 'vue'
import manifest from 'virtual:deck-manifest'
import { getDb, type DeckRow } from '../db/database'
import { deckSizes, listDecks } from '../db/deck-repository'
import { heldBackFor, loadStudyContext, queueFor } from '../db/study-context'
import { nextDueAfter } from '../db/study-reads'
import { queueCounts, type QueueCounts } from '../domain/queue/build-queue'
import { limitNotes, type LimitNote } from '../domain/queue/limit-notes'
import { clock } from '../composables/clock'
import { useSettingsStore } from './settings'

export interface DeckOverview {
  deck: DeckRow
  /** What today's session of this deck would show, after the daily limits. */
  counts: QueueCounts
  /** Cards in the deck, retired ones left out. */
  cardCount: number
  /** Cards in the deck never studied. */
  unseenCount: number
}

// Built-in decks' card counts in this build: tells deckSizes which decks may hold retired cards.
const fileCards = new Map(manifest.map((d) => [d.id, d.cards]))

export const useOverviewStore = defineStore('overview', () => {
  const decks = shallowRef<DeckOverview[]>([])
  const total = ref<QueueCounts>({ new: 0, learning: 0, review: 0 })
  const nextDueMs = ref<number | null>(null)
  /** The daily limits that keep cards out of today's session, and how many. */
  const limits = shallowRef<LimitNote[]>([])
  const loaded = ref(false)

  async function refresh() {
    const db = getDb()
    const { settings } = useSettingsStore()
    const now = clock.now()
    const decksWithSizes = listDecks(db).then(async (rows) => ({ rows, sizes: await deckSizes(db, rows.map((d) => d.id), fileCards) }))
    const [ctx, { rows, sizes }] = await Promise.all([loadStudyContext(db, settings, now, clock.timeZone()), decksWithSizes])
    decks.value = rows.map((deck) => ({
      deck,
      counts: queueCounts(queueFor(ctx, settings, deck.id)),
      cardCount: sizes.get(deck.id)?.cards ?? 0,
      unseenCount: sizes.get(deck.id)?.unseen ?? 0,
    }))
    total.value = queueCounts(queueFor(ctx, settings, null))
    limits.value = limitNotes(settings, ctx.today, ctx.extra, heldBackFor(ctx, settings, null))
    nextDueMs.value = await nextDueAfter(db, now)
    loaded.value = true
  }

  return { decks, total, nextDueMs, limits, loaded, refresh }
})
