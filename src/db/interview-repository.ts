// Interview preparation: the interview date and mock-interview settings (meta), and mock results.
import { CardState } from '../domain/scheduling/schedule'
import type { CardRow, MockAnswerRow, MockInterviewRow, PmDatabase, ReviewRow, ScheduleRow } from './database'
import { listDecks } from './deck-repository'
import { META_INTERVIEW_DATE } from './home-reads'
import { isLeech, withLeechTag } from '../domain/leech'
import { planAnswer, StaleCardError, type AnswerInput, type AnswerResult } from './study-repository'
import { outboxTables, queueChanges, syncStamp } from './sync-outbox'
import { answerRecords } from './sync-answer-records'

const TIMER_KEY = 'interviewTimerSeconds'
const DECLINED_KEY = 'interviewPlanDeclined'

export const DEFAULT_TIMER_SECONDS = 120
/** Choices offered for the time per question; 0 means no limit. */
export const TIMER_CHOICES = [60, 120, 180, 300, 0] as const

export interface InterviewPrefs {
  /** The interview day, as epoch ms at local noon; null when none is set. */
  dateMs: number | null
  timerSeconds: number
  /** Daily new-card limit the learner last declined, so the offer comes back only for a higher one. */
  declinedPerDay: number
}

const finite = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v)

export async function loadInterviewPrefs(db: PmDatabase): Promise<InterviewPrefs> {
  const [date, timer, declined] = await db.meta.bulkGet([META_INTERVIEW_DATE, TIMER_KEY, DECLINED_KEY])
  return {
    dateMs: finite(date?.value) ? date.value : null,
    timerSeconds: finite(timer?.value) && (TIMER_CHOICES as readonly number[]).includes(timer.value) ? timer.value : DEFAULT_TIMER_SECONDS,
    declinedPerDay: finite(declined?.value) ? declined.value : 0,
  }
}

/** Setting or clearing the date also forgets a declined offer: a new date, a new plan. */
export async function saveInterviewDate(db: PmDatabase, dateMs: number | null, nowMs = Date.now()): Promise<void> {
  await db.transaction('rw', [db.meta, ...outboxTables(db)], async () => {
    if (dateMs === null) await db.meta.delete(META_INTERVIEW_DATE)
    else await db.meta.put({ key: META_INTERVIEW_DATE, value: dateMs })
    await db.meta.delete(DECLINED_KEY)
    await queueChanges(db, [{ k: 'set', entity: 'meta', key: META_INTERVIEW_DATE, fields: { value: dateMs }, hlc: syncStamp(nowMs) }])
  })
}

export async function saveTimerSeconds(db: PmDatabase, seconds: number): Promise<void> {
  if (!(TIMER_CHOICES as readonly number[]).includes(seconds)) throw new RangeError(`meta: timer of ${seconds} s is not offered`)
  await db.meta.put({ key: TIMER_KEY, value: seconds })
}

export async function saveDeclinedPerDay(db: PmDatabase, perDay: number): Promise<void> {
  await db.meta.put({ key: DECLINED_KEY, value: perDay })
}

/** Every active card of the visible decks, with its schedule, and the deck order. */
export async function loadStudyPool(db: PmDatabase): Promise<{ cards: CardRow[]; schedules: Map<string, ScheduleRow>; deckOrder: string[] }> {
  const decks = await listDecks(db)
  const deckOrder = decks.map((d) => d.id)
  const cards = (await db.cards.where('deckId').anyOf(deckOrder).toArray()).filter((c) => !c.retired)
  const rows = await db.schedules.bulkGet(cards.map((c) => c.id))
  const schedules = new Map<string, ScheduleRow>()
  for (const s of rows) if (s && !s.retired) schedules.set(s.cardId, s)
  return { cards: cards.filter((c) => schedules.has(c.id)), schedules, deckOrder }
}

/** Active cards never studied, in the visible decks: what the interview plan still has to introduce. */
export async function countNotLearned(db: PmDatabase): Promise<number> {
  const visible = new Set((await listDecks(db)).map((d) => d.id))
  return db.schedules
    .where('[state+due]')
    .between([CardState.New, -Infinity], [CardState.New, Infinity])
    .filter((s) => !s.suspended && !s.retired && visible.has(s.deckId))
    .count()
}

/** Newest first. */
export async function listMockInterviews(db: PmDatabase): Promise<MockInterviewRow[]> {
  return db.mockInterviews.orderBy('startedAt').reverse().toArray()
}

/** A mock interview closed (finished elsewhere, abandoned) or an answer not for the question due. */
export class MockInterviewClosedError extends Error {
  constructor(readonly mockId: string) {
    super(`mockInterviews: ${mockId} is not waiting for this answer`)
    this.name = 'MockInterviewClosedError'
  }
}

/** Starts a mock interview; one left midway is closed with what it has (or dropped if empty). */
export async function createMockInterview(db: PmDatabase, row: MockInterviewRow): Promise<MockInterviewRow> {
  if (row.cardIds.length === 0) throw new RangeError('mockInterviews: a mock interview needs at least one question')
  const clean: MockInterviewRow = { ...row, cardIds: [...row.cardIds], answers: [], finishedAt: null }
  await db.transaction('rw', [db.mockInterviews, ...outboxTables(db)], async () => {
    const open = await db.mockInterviews.filter((m) => m.finishedAt === null).toArray()
    for (const m of open) await closeRow(db, m, row.startedAt)
    await db.mockInterviews.add(clean)
  })
  return clean
}

async function closeRow(db: PmDatabase, m: MockInterviewRow, nowMs: number): Promise<MockInterviewRow | null> {
  if (m.answers.length === 0) {
    await db.mockInterviews.delete(m.id)
    return null
  }
  const closed = { ...m, finishedAt: nowMs }
  await db.mockInterviews.put(closed)
  await queueChanges(db, [{ k: 'set', entity: 'mockInterview', key: closed.id, fields: { row: closed }, hlc: syncStamp(nowMs) }])
  return closed
}

/** Ends a mock interview early: kept with the answers given, or dropped when there are none. */
export async function closeMockInterview(db: PmDatabase, mockId: string, nowMs: number): Promise<MockInterviewRow | null> {
  return db.transaction('rw', [db.mockInterviews, ...outboxTables(db)], async () => {
    const m = await db.mockInterviews.get(mockId)
    if (!m || m.finishedAt !== null) return m ?? null
    return closeRow(db, m, nowMs)
  })
}

export interface MockAnswerInput {
  mockId: string
  answer: Omit<MockAnswerRow, 'reviewId'>
  /** In 'review' mode: the answer also goes through the review transaction (schedule + log). */
  review?: AnswerInput
}

/**
 * Records one answer in ONE transaction: in 'review' mode the card's answer transaction runs
 * inside it (re-read, version check, schedule and review log), so the schedule, the log and the
 * mock result are written together or not at all. The last answer finishes the interview.
 */
export async function recordMockAnswer(db: PmDatabase, input: MockAnswerInput): Promise<{ mock: MockInterviewRow; review: ReviewRow | null }> {
  // Every table the answer transaction may touch (cards: leech tagging) is in this one.
  return db.transaction('rw', [db.schedules, db.reviews, db.cards, db.mockInterviews, ...outboxTables(db)], async () => {
    const m = await db.mockInterviews.get(input.mockId)
    if (!m || m.finishedAt !== null || m.cardIds[m.answers.length] !== input.answer.cardId) throw new MockInterviewClosedError(input.mockId)
    if ((m.mode === 'review') !== (input.review !== undefined)) throw new TypeError(`mockInterviews: a ${m.mode} answer for ${m.id}`)
    const review = input.review ? (await answerInTransaction(db, input.review)).review : null
    const { notes, ...rest } = input.answer
    const answer: MockAnswerRow = { ...rest, covered: [...rest.covered].sort((a, b) => a - b) }
    if (notes?.trim()) answer.notes = notes.trim()
    if (review) answer.reviewId = review.id
    const answers = [...m.answers, answer]
    const mock: MockInterviewRow = { ...m, answers, finishedAt: answers.length >= m.cardIds.length ? input.answer.answeredAt : null }
    await db.mockInterviews.put(mock)
    await queueChanges(db, [{ k: 'set', entity: 'mockInterview', key: mock.id, fields: { row: mock }, hlc: syncStamp(input.answer.answeredAt) }])
    return { mock, review }
  })
}

/**
 * answerCard's transaction, through Dexie, for use inside a Dexie transaction that includes the
 * schedules, reviews and cards tables (it joins it): the same planAnswer on the row it re-reads.
 * Kept apart from answerCard, which the first screen loads, since only this screen needs it.
 */
export async function answerInTransaction(db: PmDatabase, input: AnswerInput): Promise<AnswerResult> {
  const reviewId = (input.newId ?? (() => crypto.randomUUID()))()
  return db.transaction('rw', [db.schedules, db.reviews, db.cards, ...outboxTables(db)], async () => {
    const current = await db.schedules.get(input.cardId)
    if (!current || current.version !== input.shown.version) throw new StaleCardError(input.cardId)
    const planned = planAnswer(current, input, reviewId)
    let tagged: CardRow | undefined
    if (planned.leech) {
      const card = await db.cards.get(current.cardId)
      if (card && !isLeech(card.tags)) await db.cards.put((tagged = { ...card, tags: withLeechTag(card.tags) }))
    }
    await db.schedules.put(planned.schedule)
    await db.reviews.add(planned.review)
    await queueChanges(db, answerRecords(planned, tagged))
    return planned
  })
}
