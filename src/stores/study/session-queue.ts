// Where a session's cards come from: today's queue (due cards and new cards within the day's
// limits, with what the limits hold back), or cards chosen elsewhere (final review, custom study)
// in their order; and the deck titles the review screen names each card's deck with.
import { ref, shallowRef } from 'vue'
import { getDb, type ScheduleRow } from '../../db/database'
import { heldBackFor, loadStudyContext, queueFor } from '../../db/study-context'
import type { HeldBack, StudyQueue } from '../../domain/queue/build-queue'
import { limitNotes, type LimitNote } from '../../domain/queue/limit-notes'
import type { LocalizedText } from '../../domain/content/localized'
import type { Settings } from '../../domain/settings'
import { nextRolloverMs } from '../../domain/time/study-day'
import { clock } from '../../composables/clock'

export function createSessionQueue(settings: () => Settings) {
  /** Cards that today's limits keep out of the session (shown when it runs out). */
  const held = ref<HeldBack>({ new: 0, review: 0 })
  /** Which daily limits hold those cards back (said when the session runs out, as home says it). */
  const limits = shallowRef<LimitNote[]>([])
  const deckTitles = shallowRef<ReadonlyMap<string, LocalizedText>>(new Map())
  /** End of the study day the queue was built for (the next rollover). */
  let dayEndMs = 0

  /** Today's queue for one deck or all, or the chosen cards in order whatever their due dates. */
  async function load(deckId: string | null, chosen: readonly string[] | null): Promise<StudyQueue> {
    if (chosen) {
      dayEndMs = nextRolloverMs(clock.now(), { rolloverHour: settings().rolloverHour, timeZone: clock.timeZone() })
      const rows = await getDb().schedules.bulkGet([...chosen])
      const main = rows
        .filter((s): s is ScheduleRow => !!s && !s.suspended && !s.retired)
        .map(({ cardId, deckId: deck, state, due, position }) => ({ cardId, deckId: deck, state, due, position }))
      held.value = { new: 0, review: 0 }
      limits.value = []
      return { learning: [], main }
    }
    const started = performance.now()
    const ctx = await loadStudyContext(getDb(), settings(), clock.now(), clock.timeZone())
    dayEndMs = ctx.dayEndMs
    // Cards already answered in this session are counted by the log, so the limits stay right.
    const queue = queueFor(ctx, settings(), deckId)
    held.value = heldBackFor(ctx, settings(), deckId)
    limits.value = limitNotes(settings(), ctx.today, ctx.extra, held.value)
    performance.measure('queue-build', { start: started, end: performance.now() })
    return queue
  }

  async function loadDeckTitles() {
    // Every deck, hidden ones too: a chosen session may hold their cards.
    deckTitles.value = new Map((await getDb().decks.toArray()).map((d) => [d.id, d.title]))
  }

  return { held, limits, deckTitles, dayEndMs: () => dayEndMs, load, loadDeckTitles }
}
