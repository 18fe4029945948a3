import { describe, expect, it } from 'vitest'
import {
  formatClock,
  formatElapsed,
  pauseCountdown,
  remainingMs,
  resumeCountdown,
  startCountdown,
} from '../../src/domain/interview/countdown'
import {
  missedPoints,
  mockScore,
  progressSincePrevious,
  proposeMockGrade,
  relatedCardIds,
  scoreByTopic,
  type MockAnswer,
  type RelatedCard,
} from '../../src/domain/interview/mock-summary'

describe('grade proposed from the key points covered', () => {
  it('follows the share of distinct points ticked, as on the review screen', () => {
    const grades = [[], [0], [0, 1], [0, 1, 2], [0, 1, 2, 3], [0, 1, 2, 3, 4]].map((covered) => proposeMockGrade({ covered, total: 5 }))
    // under 40 % Again, under 70 % Hard, under 100 % Good, all of them Easy
    expect(grades).toEqual([1, 1, 2, 2, 3, 4])
    expect(proposeMockGrade({ covered: [0, 1, 2, 3], total: 4 })).toBe(4)
    expect(proposeMockGrade({ covered: [0, 1, 2], total: 4 })).toBe(3)
  })

  it('counts a point ticked twice, or one that does not exist, once or not at all', () => {
    expect(proposeMockGrade({ covered: [0, 0, 0, 0], total: 4 })).toBe(1)
    expect(proposeMockGrade({ covered: [0, 1, 7, -1], total: 4 })).toBe(2)
  })
})

const answers: MockAnswer[] = [
  { cardId: 'q1', topic: 'mobile', covered: [0, 1, 2, 3], total: 4 },
  { cardId: 'q2', topic: 'pm-vs-po', covered: [1], total: 5 },
  { cardId: 'q3', topic: 'mobile', covered: [0], total: 4 },
  { cardId: 'q4', topic: 'skills', covered: [], total: 3 },
  { cardId: 'q5', topic: 'role', covered: [0, 1, 2, 3, 4], total: 5 },
]

describe('mock interview summary', () => {
  it('scores the key points covered out of the total', () => {
    expect(mockScore(answers)).toEqual({ covered: 11, total: 21, share: 11 / 21 })
    expect(mockScore([])).toEqual({ covered: 0, total: 0, share: 1 })
  })

  it('scores each topic, weakest first', () => {
    expect(scoreByTopic(answers)).toEqual([
      { topic: 'skills', questions: 1, covered: 0, total: 3, share: 0 },
      { topic: 'pm-vs-po', questions: 1, covered: 1, total: 5, share: 0.2 },
      { topic: 'mobile', questions: 2, covered: 5, total: 8, share: 0.625 },
      { topic: 'role', questions: 1, covered: 5, total: 5, share: 1 },
    ])
  })

  it('lists the key points missed, question by question', () => {
    expect(missedPoints(answers)).toEqual([
      { cardId: 'q2', missed: [0, 2, 3, 4] },
      { cardId: 'q3', missed: [1, 2, 3] },
      { cardId: 'q4', missed: [0, 1, 2] },
    ])
  })

  it('gathers the cards to study: questions with points missed, then their topics, never an inactive card', () => {
    const card = (id: string, topic: string, position: number, deckRank = 0, active = true): RelatedCard => ({ id, topic, position, deckRank, active })
    const cards = [
      card('q1', 'mobile', 9), card('q2', 'pm-vs-po', 9), card('q3', 'mobile', 8, 1), card('q4', 'skills', 9), card('q5', 'role', 9),
      card('mob-b', 'mobile', 2, 1), card('mob-a', 'mobile', 1, 1), card('po-a', 'pm-vs-po', 1), card('skill-a', 'skills', 1, 2),
      card('skill-off', 'skills', 0, 2, false), card('role-a', 'role', 1),
    ]
    expect(relatedCardIds(answers, cards)).toEqual(['q2', 'q3', 'q4', 'po-a', 'q1', 'mob-a', 'mob-b', 'skill-a'])
    // Nothing missed: the cards of the topics asked.
    const perfect = [{ cardId: 'q5', topic: 'role', covered: [0, 1, 2, 3, 4], total: 5 }]
    expect(relatedCardIds(perfect, cards)).toEqual(['role-a', 'q5'])
  })

  it('tells the progress since the previous mock interview', () => {
    expect(progressSincePrevious([])).toBeNull()
    expect(progressSincePrevious([0.5])).toBeNull()
    expect(progressSincePrevious([0.2, 0.5, 0.62])).toBe(12)
    expect(progressSincePrevious([0.7, 0.6])).toBe(-10)
  })
})

describe('countdown', () => {
  const T = 1_000_000

  it('counts down while running and stands still while paused', () => {
    let c = startCountdown(120_000, T)
    expect(remainingMs(c, T + 30_000)).toBe(90_000)
    c = pauseCountdown(c, T + 30_000)
    expect(remainingMs(c, T + 90_000)).toBe(90_000)
    expect(pauseCountdown(c, T + 95_000)).toBe(c)
    c = resumeCountdown(c, T + 100_000)
    expect(remainingMs(c, T + 110_000)).toBe(80_000)
    expect(resumeCountdown(c, T + 120_000)).toBe(c)
  })

  it('goes past zero into an overrun, and has no end without a limit', () => {
    const c = startCountdown(60_000, T)
    expect(remainingMs(c, T + 75_000)).toBe(-15_000)
    expect(remainingMs(startCountdown(0, T), T + 10 ** 9)).toBe(Infinity)
  })

  it('reads like a kitchen timer', () => {
    expect(formatClock(120_000)).toBe('2:00')
    expect(formatClock(119_001)).toBe('2:00')
    expect(formatClock(65_000)).toBe('1:05')
    expect(formatClock(400)).toBe('0:01')
    expect(formatClock(0)).toBe('0:00')
    expect(formatClock(-12_500)).toBe('+0:12')
    expect(formatElapsed(92_900)).toBe('1:32')
    expect(formatElapsed(-5)).toBe('0:00')
  })
})
