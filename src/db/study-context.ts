// Everything needed to build today's queue, read in one go.
import { buildQueue, heldBack, learningHorizonMs, type HeldBack, type QueueCard, type QueueInput, type StudyQueue } from '../domain/queue/build-queue'
import { extraFor, remainingLimits, type ExtraToday, type TodayCounts } from '../domain/queue/daily-limits'
import type { Settings } from '../domain/settings'
import { dayIndex, dayStartMs, type DayClock } from '../domain/time/study-day'
import type { PmDatabase } from './database'
import { listDecks } from './deck-repository'
import { countReviewsSince, loadQueueCards } from './study-reads'

/** Meta key of today's extra limits (custom study). */
export const META_EXTRA_TODAY = 'extra-today'

export interface StudyContext {
  cards: QueueCard[]
  today: TodayCounts
  /** What custom study added to today's limits (zero on any other day). */
  extra: { newCards: number; reviews: number }
  deckOrder: string[]
  dayIndex: number
  dayEndMs: number
  nowMs: number
}

export async function loadStudyContext(db: PmDatabase, settings: Settings, nowMs: number, timeZone: string): Promise<StudyContext> {
  const dayClock: DayClock = { rolloverHour: settings.rolloverHour, timeZone }
  const day = dayIndex(nowMs, dayClock)
  const dayEndMs = dayStartMs(day + 1, dayClock)
  const [cards, today, decks, extra] = await Promise.all([
    loadQueueCards(db, dayEndMs, day, learningHorizonMs(nowMs, dayEndMs)),
    countReviewsSince(db, dayStartMs(day, dayClock)),
    listDecks(db),
    db.meta.get(META_EXTRA_TODAY),
  ])
  const deckOrder = decks.map((d) => d.id)
  const visible = new Set(deckOrder)
  return {
    cards: cards.filter((c) => visible.has(c.deckId)),
    today,
    extra: extraFor(extra?.value as ExtraToday | undefined, day),
    deckOrder,
    dayIndex: day,
    dayEndMs,
    nowMs,
  }
}

function queueInput(ctx: StudyContext, settings: Settings, deckId: string | null): QueueInput {
  return {
    cards: deckId === null ? ctx.cards : ctx.cards.filter((c) => c.deckId === deckId),
    nowMs: ctx.nowMs,
    dayEndMs: ctx.dayEndMs,
    deckOrder: ctx.deckOrder,
    ...remainingLimits(settings, ctx.today, ctx.extra),
  }
}

/** Today's queue, for all decks or one. Limits are shared: studying one deck uses the day's quota. */
export function queueFor(ctx: StudyContext, settings: Settings, deckId: string | null): StudyQueue {
  return buildQueue(queueInput(ctx, settings, deckId))
}

/** The cards of all decks or one that today's limits keep out of the queue. */
export function heldBackFor(ctx: StudyContext, settings: Settings, deckId: string | null): HeldBack {
  return heldBack(queueInput(ctx, settings, deckId))
}
