// Custom study, as Anki offers it when the day's limits stop a session: more new cards today,
// reviewing ahead, the cards forgotten today again, a free practice of a deck or a tag. Each read
// returns card ids for a session on chosen cards; the one write (extra limits) is one transaction.
// Loaded with the "limit reached" screen, not with the first page.
import { extraFor, type ExtraToday } from '../domain/queue/daily-limits'
import { CardState } from '../domain/scheduling/schedule'
import { dayStartMs, type DayClock } from '../domain/time/study-day'
import type { PmDatabase, ScheduleRow } from './database'
import { META_EXTRA_TODAY } from './study-context'

const active = (s: ScheduleRow, today: number) => !s.suspended && !s.retired && s.buriedUntilDay < today

/** Adds to today's limits (today only): what was added before today is dropped. */
export async function addExtraToday(db: PmDatabase, today: number, more: { newCards?: number; reviews?: number }): Promise<ExtraToday> {
  return db.transaction('rw', db.meta, async () => {
    const row = await db.meta.get(META_EXTRA_TODAY)
    const now = extraFor(row?.value as ExtraToday | undefined, today)
    const next: ExtraToday = {
      dayIndex: today,
      newCards: now.newCards + Math.max(0, Math.round(more.newCards ?? 0)),
      reviews: now.reviews + Math.max(0, Math.round(more.reviews ?? 0)),
    }
    await db.meta.put({ key: META_EXTRA_TODAY, value: next })
    return next
  })
}

/** Review cards due after today and within the next `days` study days, soonest first. */
export async function cardsDueAhead(db: PmDatabase, today: number, days: number, clock: DayClock, deckId: string | null): Promise<string[]> {
  const from = dayStartMs(today + 1, clock)
  const until = dayStartMs(today + 1 + days, clock)
  const rows = await db.schedules.where('[state+due]').between([CardState.Review, from], [CardState.Review, until], true, false).toArray()
  return rows.filter((s) => active(s, today) && (deckId === null || s.deckId === deckId)).map((s) => s.cardId)
}

/** Cards answered Again since the study day began, in the order they were first forgotten. */
export async function cardsForgottenToday(db: PmDatabase, today: number, clock: DayClock, deckId: string | null): Promise<string[]> {
  const reviews = await db.reviews.where('reviewedAt').aboveOrEqual(dayStartMs(today, clock)).sortBy('reviewedAt')
  const ids = [...new Set(reviews.filter((r) => r.grade === 1 && (deckId === null || r.deckId === deckId)).map((r) => r.cardId))]
  const schedules = await db.schedules.bulkGet(ids)
  return ids.filter((_, i) => {
    const s = schedules[i]
    return s !== undefined && !s.suspended && !s.retired
  })
}

/** Every card of a deck, or every card with a tag, studied or not, in deck order: for free practice. */
export async function cardsToPractise(db: PmDatabase, pick: { deckId: string } | { tag: string }, today: number): Promise<string[]> {
  const cards = 'deckId' in pick ? await db.cards.where('deckId').equals(pick.deckId).toArray() : (await db.cards.toArray()).filter((c) => c.tags.includes(pick.tag))
  const schedules = await db.schedules.bulkGet(cards.map((c) => c.id))
  return cards
    .map((c, i) => ({ c, s: schedules[i] }))
    .filter((x): x is { c: (typeof cards)[number]; s: ScheduleRow } => x.s !== undefined && !x.c.retired && active(x.s, today))
    .sort((a, b) => a.c.deckId.localeCompare(b.c.deckId) || a.s.position - b.s.position)
    .map((x) => x.c.id)
}

/** The tags of the cards that can be practised, sorted. */
export async function practiceTags(db: PmDatabase): Promise<string[]> {
  const tags = new Set<string>()
  await db.cards.each((c) => {
    if (!c.retired) for (const tag of c.tags) tags.add(tag)
  })
  return [...tags].sort((a, b) => a.localeCompare(b))
}
