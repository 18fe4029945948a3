import { afterEach, describe, expect, it } from 'vitest'
import type { MockAnswerRow, MockInterviewRow, PmDatabase } from '../../src/db/database'
import { syncBuiltinDecks } from '../../src/db/deck-sync'
import {
  closeMockInterview,
  countNotLearned,
  createMockInterview,
  listMockInterviews,
  loadInterviewPrefs,
  loadStudyPool,
  MockInterviewClosedError,
  recordMockAnswer,
  saveDeclinedPerDay,
  saveInterviewDate,
  saveTimerSeconds,
} from '../../src/db/interview-repository'
import { answerCard, StaleCardError } from '../../src/db/study-repository'
import { createScheduler } from '../../src/domain/scheduling/scheduler'
import { CardState } from '../../src/domain/scheduling/schedule'
import { DEFAULT_SETTINGS } from '../../src/domain/settings'
import { basicCard, deckOf, freshDb } from './helpers'

const NOW = Date.parse('2026-11-26T09:00:00Z')
const scheduler = createScheduler(DEFAULT_SETTINGS, { fuzz: false })
let db: PmDatabase

async function seeded() {
  db = freshDb()
  const cards = Array.from({ length: 4 }, (_, i) => basicCard('d1', `card-${i}`, `Q${i}`, `A${i}`, i))
  await syncBuiltinDecks(db, [deckOf('d1', cards)], NOW - 1000)
  return db
}

afterEach(() => db?.close())

const mock = (over: Partial<MockInterviewRow> = {}): MockInterviewRow => ({
  id: 'm1', startedAt: NOW, finishedAt: null, mode: 'review', cardIds: ['card-0', 'card-1'], timeLimitMs: 120_000, answers: [], ...over,
})
const answer = (cardId: string, over: Partial<MockAnswerRow> = {}): MockAnswerRow => ({
  cardId, deckId: 'd1', topic: 'role', covered: [2, 0], total: 4, grade: 2, durationMs: 95_000, answeredAt: NOW + 100_000, ...over,
})

describe('interview date and settings (meta)', () => {
  it('falls back to no date, two minutes a question and no declined offer', async () => {
    await seeded()
    expect(await loadInterviewPrefs(db)).toEqual({ dateMs: null, timerSeconds: 120, declinedPerDay: 0 })
  })

  it('keeps the date, the timer and a declined offer; a new date forgets the declined offer', async () => {
    await seeded()
    await saveInterviewDate(db, NOW + 10 * 86_400_000)
    await saveTimerSeconds(db, 300)
    await saveDeclinedPerDay(db, 17)
    expect(await loadInterviewPrefs(db)).toEqual({ dateMs: NOW + 10 * 86_400_000, timerSeconds: 300, declinedPerDay: 17 })
    await saveInterviewDate(db, NOW + 5 * 86_400_000)
    expect((await loadInterviewPrefs(db)).declinedPerDay).toBe(0)
    await saveInterviewDate(db, null)
    expect((await loadInterviewPrefs(db)).dateMs).toBeNull()
    await expect(saveTimerSeconds(db, 7)).rejects.toThrow(/meta/)
  })

  it('reads damaged values as the defaults', async () => {
    await seeded()
    await db.meta.bulkPut([{ key: 'interviewDate', value: 'soon' }, { key: 'interviewTimerSeconds', value: 42 }])
    expect(await loadInterviewPrefs(db)).toEqual({ dateMs: null, timerSeconds: 120, declinedPerDay: 0 })
  })
})

describe('study pool', () => {
  it('counts the active cards never studied, and lists active cards with their schedules', async () => {
    await seeded()
    expect(await countNotLearned(db)).toBe(4)
    const shown = (await db.schedules.get('card-0'))!
    await answerCard(db, { cardId: 'card-0', grade: 3, shown, nowMs: NOW, durationMs: 1, scheduler })
    await db.schedules.update('card-1', { suspended: true })
    expect(await countNotLearned(db)).toBe(2)
    const pool = await loadStudyPool(db)
    expect(pool.cards.map((c) => c.id)).toEqual(['card-0', 'card-1', 'card-2', 'card-3'])
    expect(pool.schedules.get('card-0')!.state).toBe(CardState.Learning)
    expect(pool.deckOrder).toEqual(['d1'])
  })
})

describe('mock interviews', () => {
  it("'review' mode: the answer writes the schedule, the review log and the mock result together", async () => {
    await seeded()
    await createMockInterview(db, mock())
    const shown = (await db.schedules.get('card-0'))!
    const { mock: m, review } = await recordMockAnswer(db, {
      mockId: 'm1',
      answer: answer('card-0', { notes: '  vision, influence  ' }),
      review: { cardId: 'card-0', grade: 2, shown, nowMs: NOW + 100_000, durationMs: 60_000, scheduler, newId: () => 'r1' },
    })
    expect(review).toMatchObject({ id: 'r1', cardId: 'card-0', grade: 2, reviewedAt: NOW + 100_000, before: shown })
    expect(await db.reviews.toArray()).toEqual([review])
    expect((await db.schedules.get('card-0'))!.version).toBe(shown.version + 1)
    expect(m.answers).toEqual([{ ...answer('card-0'), covered: [0, 2], notes: 'vision, influence', reviewId: 'r1' }])
    expect(m.finishedAt).toBeNull()
    expect(await db.mockInterviews.get('m1')).toEqual(m)
  })

  it("'review' mode: a card changed elsewhere writes nothing at all, the mock result neither", async () => {
    await seeded()
    await createMockInterview(db, mock())
    const shown = (await db.schedules.get('card-0'))!
    await answerCard(db, { cardId: 'card-0', grade: 4, shown, nowMs: NOW, durationMs: 1, scheduler })
    await expect(
      recordMockAnswer(db, { mockId: 'm1', answer: answer('card-0'), review: { cardId: 'card-0', grade: 2, shown, nowMs: NOW + 5, durationMs: 1, scheduler } }),
    ).rejects.toBeInstanceOf(StaleCardError)
    expect(await db.reviews.count()).toBe(1)
    expect((await db.mockInterviews.get('m1'))!.answers).toEqual([])
  })

  it("'practice' mode: the schedules and the review log stay untouched", async () => {
    await seeded()
    const before = await db.schedules.toArray()
    await createMockInterview(db, mock({ mode: 'practice' }))
    await recordMockAnswer(db, { mockId: 'm1', answer: answer('card-0') })
    const { mock: m } = await recordMockAnswer(db, { mockId: 'm1', answer: answer('card-1', { answeredAt: NOW + 200_000 }) })
    expect(await db.schedules.toArray()).toEqual(before)
    expect(await db.reviews.count()).toBe(0)
    // The last answer finishes the interview.
    expect(m.finishedAt).toBe(NOW + 200_000)
    expect(m.answers.map((a) => a.cardId)).toEqual(['card-0', 'card-1'])
  })

  it('refuses an answer to the wrong question, twice the same one, or one in the wrong mode', async () => {
    await seeded()
    await createMockInterview(db, mock({ mode: 'practice' }))
    await expect(recordMockAnswer(db, { mockId: 'm1', answer: answer('card-1') })).rejects.toBeInstanceOf(MockInterviewClosedError)
    await recordMockAnswer(db, { mockId: 'm1', answer: answer('card-0') })
    await expect(recordMockAnswer(db, { mockId: 'm1', answer: answer('card-0') })).rejects.toBeInstanceOf(MockInterviewClosedError)
    const shown = (await db.schedules.get('card-1'))!
    await expect(
      recordMockAnswer(db, { mockId: 'm1', answer: answer('card-1'), review: { cardId: 'card-1', grade: 3, shown, nowMs: NOW, durationMs: 1, scheduler } }),
    ).rejects.toThrow(/practice answer/)
    expect(await db.reviews.count()).toBe(0)
    await expect(recordMockAnswer(db, { mockId: 'nope', answer: answer('card-0') })).rejects.toBeInstanceOf(MockInterviewClosedError)
  })

  it('closes a mock left midway: kept with its answers, or dropped when it has none', async () => {
    await seeded()
    await createMockInterview(db, mock({ mode: 'practice' }))
    await recordMockAnswer(db, { mockId: 'm1', answer: answer('card-0') })
    // Starting another one closes the first with its one answer.
    await createMockInterview(db, mock({ id: 'm2', mode: 'practice', startedAt: NOW + 1000 }))
    expect((await db.mockInterviews.get('m1'))!.finishedAt).toBe(NOW + 1000)
    expect(await closeMockInterview(db, 'm2', NOW + 2000)).toBeNull()
    expect(await db.mockInterviews.get('m2')).toBeUndefined()
    expect((await listMockInterviews(db)).map((m) => m.id)).toEqual(['m1'])
  })

  it('lists mock interviews newest first', async () => {
    await seeded()
    for (const [id, startedAt] of [['a', NOW], ['c', NOW + 2], ['b', NOW + 1]] as const) {
      await db.mockInterviews.add(mock({ id, startedAt, finishedAt: startedAt + 1 }))
    }
    expect((await listMockInterviews(db)).map((m) => m.id)).toEqual(['c', 'b', 'a'])
  })
})
