// Everything needed to build today's queue, read in one go.
import { buildQueue, learningHorizonMs, type QueueCard, type StudyQueue } from '../domain/queue/build-queue'
import { remainingLimits, type TodayCounts } from '../domain/queue/daily-limits'
import type { Settings } from '../domain/settings'
import { dayIndex, dayStartMs, type DayClock } from '../domain/time/study-day'
import type { PmDatabase } from './database'
import { listDecks } from './deck-repository'
import { countReviewsSince, loadQueueCards } from './study-repository'

export interface StudyContext {
  cards: QueueCard[]
  today: TodayCounts
  deckOrder: string[]
  dayIndex: number
  dayEndMs: number
  nowMs: number
}

export async function loadStudyContext(db: PmDatabase, settings: Settings, nowMs: number, timeZone: string): Promise<StudyContext> {
  const dayClock: DayClock = { rolloverHour: settings.rolloverHour, timeZone }
  const day = dayIndex(nowMs, dayClock)
  const dayEndMs = dayStartMs(day + 1, dayClock)
  const [cards, today, decks] = await Promise.all([
    loadQueueCards(db, dayEndMs, day, learningHorizonMs(nowMs, dayEndMs)),
    countReviewsSince(db, dayStartMs(day, dayClock)),
    listDecks(db),
  ])
  const deckOrder = decks.map((d) => d.id)
  const visible = new Set(deckOrder)
  return { cards: cards.filter((c) => visible.has(c.deckId)), today, deckOrder, dayIndex: day, dayEndMs, nowMs }
}

/** Today's queue, for all decks or one. Limits are shared: studying one deck uses the day's quota. */
export function queueFor(ctx: StudyContext, settings: Settings, deckId: string | null): StudyQueue {
  return buildQueue({
    cards: deckId === null ? ctx.cards : ctx.cards.filter((c) => c.deckId === deckId),
    nowMs: ctx.nowMs,
    dayEndMs: ctx.dayEndMs,
    deckOrder: ctx.deckOrder,
    ...remainingLimits(settings, ctx.today),
  })
}
