// Home's line on the daily limits: which limit keeps cards back today, how many, and whether it is reached.
import { describe, expect, it } from 'vitest'
import { limitNotes } from '../../src/domain/queue/limit-notes'

const limits = { newPerDay: 20, reviewsPerDay: 200 }
const none = { newCards: 0, reviews: 0 }

describe('limitNotes', () => {
  it('says nothing when the limits keep no card back', () => {
    expect(limitNotes(limits, { newStudied: 0, reviewsDone: 0 }, none, { new: 0, review: 0 })).toEqual([])
  })

  it('names the new-card limit before the day starts, and reached once used up', () => {
    expect(limitNotes(limits, { newStudied: 0, reviewsDone: 0 }, none, { new: 111, review: 0 })).toEqual([
      { kind: 'new', perDay: 20, extraToday: 0, waiting: 111, reached: false },
    ])
    expect(limitNotes(limits, { newStudied: 20, reviewsDone: 3 }, none, { new: 111, review: 0 })).toEqual([
      { kind: 'new', perDay: 20, extraToday: 0, waiting: 111, reached: true },
    ])
  })

  it('counts today\'s extra cards into the limit, and lists the review limit after the new one', () => {
    const notes = limitNotes(limits, { newStudied: 20, reviewsDone: 200 }, { newCards: 5, reviews: 0 }, { new: 106, review: 40 })
    expect(notes).toEqual([
      { kind: 'new', perDay: 20, extraToday: 5, waiting: 106, reached: false },
      { kind: 'review', perDay: 200, extraToday: 0, waiting: 40, reached: true },
    ])
  })
})
