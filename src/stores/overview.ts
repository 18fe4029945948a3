// Home screen data: each deck with today's new / learning / review counts and its size, the totals,
// the daily limits that keep cards back today, and whether home's lazy parts have something to show.
import { defineStore } from 'pinia'
import { ref, shallowRef } from 'vue'
import manifest from 'virtual:deck-manifest'
import { getDb, type DeckRow } from '../db/database'
import { deckSizes, listDecks, type DeckSizes } from '../db/deck-repository'
import { firstVisitHome } from '../db/first-visit'
import { hasInterviewDate, reminderFacts } from '../db/home-reads'
import { heldBackFor, loadStudyContext, queueFor, type StudyContext } from '../db/study-context'
import { nextDueAfter } from '../db/study-reads'
import { backupReminder } from '../domain/backup/reminder'
import { queueCounts, type QueueCounts } from '../domain/queue/build-queue'
import { limitNotes, type LimitNote } from '../domain/queue/limit-notes'
import { clock } from '../composables/clock'
import { DEVICE_TIME_ZONE } from '../domain/time/study-day'
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
  /** An interview date is set: home shows its plan (a lazy part) instead of the invitation. */
  const interviewDateSet = ref(false)
  /** The backup reminder is due: home shows it (a lazy part). */
  const reminderDue = ref(false)
  const loaded = ref(false)

  function show(rows: DeckRow[], sizes: Map<string, DeckSizes>, ctx: StudyContext) {
    const { settings } = useSettingsStore()
    decks.value = rows.map((deck) => ({
      deck,
      counts: queueCounts(queueFor(ctx, settings, deck.id)),
      cardCount: sizes.get(deck.id)?.cards ?? 0,
      unseenCount: sizes.get(deck.id)?.unseen ?? 0,
    }))
    total.value = queueCounts(queueFor(ctx, settings, null))
    limits.value = limitNotes(settings, ctx.today, ctx.extra, heldBackFor(ctx, settings, null))
  }

  async function refresh() {
    const db = getDb()
    const { settings } = useSettingsStore()
    const now = clock.now()
    const decksWithSizes = listDecks(db).then(async (rows) => ({ rows, sizes: await deckSizes(db, rows.map((d) => d.id), fileCards) }))
    const [ctx, { rows, sizes }, dateSet, reminder] = await Promise.all([
      // The device's zone by its offsets, not its name: no Intl on the first screen (study-day.ts).
      loadStudyContext(db, settings, now, DEVICE_TIME_ZONE),
      decksWithSizes,
      hasInterviewDate(db),
      reminderFacts(db, now),
    ])
    show(rows, sizes, ctx)
    nextDueMs.value = await nextDueAfter(db, now)
    interviewDateSet.value = dateSet
    reminderDue.value = backupReminder(reminder).show
    loaded.value = true
  }

  /**
   * A first visit, before the built-in decks are written: what home will read once they are
   * (every card new, no review, no interview date, nothing to back up), from the build's manifest.
   */
  function showFirstVisit() {
    const { rows, sizes, ctx } = firstVisitHome(manifest, clock.now())
    show(rows, sizes, ctx)
    nextDueMs.value = null
    interviewDateSet.value = false
    reminderDue.value = false
    loaded.value = true
  }

  return { decks, total, nextDueMs, limits, interviewDateSet, reminderDue, loaded, refresh, showFirstVisit }
})
