import { describe, expect, it } from 'vitest'
import { calendarDay, interviewDateMs, isoDateOf, noonOf } from '../../src/domain/interview/interview-date'
import { finalReviewOpen, interviewPlan, type PlanInput } from '../../src/domain/interview/plan'
import { dayIndex } from '../../src/domain/time/study-day'

const TODAY = 20_000
const plan = (over: Partial<PlanInput>) =>
  interviewPlan({ interviewDay: TODAY + 10, today: TODAY, notLearned: 135, newStudiedToday: 0, newPerDay: 20, ...over })

describe('interview plan', () => {
  it('ten days ahead: new cards spread over today and the seven days up to three days before', () => {
    const p = plan({})
    expect(p).toMatchObject({ phase: 'learning', daysLeft: 10, notLearned: 135, newDays: 8, lastNewDay: TODAY + 7, late: false })
    // 135 cards over 8 days: 17 a day (16.9 rounded up); the limit of 20 is enough.
    expect(p.newPerDayNeeded).toBe(17)
    expect(p.raiseTo).toBeNull()
  })

  it('offers to raise the daily limit only when it is too low for the plan', () => {
    expect(plan({ newPerDay: 10 }).raiseTo).toBe(17)
    expect(plan({ newPerDay: 17 }).raiseTo).toBeNull()
    expect(plan({ newPerDay: 16 }).raiseTo).toBe(17)
  })

  it("counts today's new cards already introduced as part of today's share", () => {
    // 130 left + 6 done today = 136 over 8 days: 17 a day, the limit counting today's 6.
    expect(plan({ notLearned: 130, newStudiedToday: 6 }).newPerDayNeeded).toBe(17)
    expect(plan({ notLearned: 130, newStudiedToday: 11, newPerDay: 17 }).raiseTo).toBe(18)
  })

  it('needs nothing once every card has been seen', () => {
    expect(plan({ notLearned: 0, newStudiedToday: 4 })).toMatchObject({ newPerDayNeeded: 0, raiseTo: null, phase: 'learning' })
  })

  it('exactly three days ahead: today is the last day for new cards, and the final review opens', () => {
    const p = plan({ interviewDay: TODAY + 3, notLearned: 40 })
    expect(p).toMatchObject({ phase: 'final', daysLeft: 3, newDays: 1, lastNewDay: TODAY, late: false, newPerDayNeeded: 40, raiseTo: 40 })
    expect(plan({ interviewDay: TODAY + 4 }).phase).toBe('learning')
  })

  it('one or two days ahead: too late for three days before, so the plan aims for the day before', () => {
    expect(plan({ interviewDay: TODAY + 2, notLearned: 41 })).toMatchObject({
      phase: 'final', daysLeft: 2, late: true, newDays: 2, lastNewDay: TODAY + 1, newPerDayNeeded: 21, raiseTo: 21,
    })
    expect(plan({ interviewDay: TODAY + 1, notLearned: 41 })).toMatchObject({ late: true, newDays: 1, lastNewDay: TODAY, newPerDayNeeded: 41 })
  })

  it('on the day itself: no plan for new cards, the final review is open', () => {
    const p = plan({ interviewDay: TODAY })
    expect(p).toMatchObject({ phase: 'today', daysLeft: 0, notLearned: 135, newDays: 0, lastNewDay: null, newPerDayNeeded: null, raiseTo: null })
    expect(finalReviewOpen(p)).toBe(true)
  })

  it('a date already past: no plan, no offer, no final review', () => {
    const p = plan({ interviewDay: TODAY - 2, newPerDay: 1 })
    expect(p).toMatchObject({ phase: 'past', daysLeft: -2, newDays: 0, newPerDayNeeded: null, raiseTo: null })
    expect(finalReviewOpen(p)).toBe(false)
  })

  it('opens the final review in the last three days only', () => {
    expect([5, 4, 3, 2, 1, 0, -1].map((d) => finalReviewOpen(plan({ interviewDay: TODAY + d })))).toEqual([false, false, true, true, true, true, false])
  })

  it('never asks for more than the largest daily limit allowed', () => {
    expect(plan({ interviewDay: TODAY + 1, notLearned: 50_000 }).newPerDayNeeded).toBe(9999)
  })
})

describe('interview date', () => {
  const PARIS = 'Europe/Paris'

  it('stores a calendar date as noon local time and reads it back', () => {
    const ms = interviewDateMs('2026-12-07', PARIS)!
    expect(ms).toBe(Date.parse('2026-12-07T11:00:00Z'))
    expect(isoDateOf(ms, PARIS)).toBe('2026-12-07')
    // Summer time: noon in Paris is 10:00 UTC.
    expect(interviewDateMs('2026-07-01', PARIS)).toBe(Date.parse('2026-07-01T10:00:00Z'))
    expect(isoDateOf(interviewDateMs('2026-03-29', PARIS)!, PARIS)).toBe('2026-03-29')
    expect(isoDateOf(interviewDateMs('2026-12-07', 'Pacific/Auckland')!, 'Pacific/Auckland')).toBe('2026-12-07')
  })

  it('refuses text that is not a date', () => {
    expect(interviewDateMs('', PARIS)).toBeNull()
    expect(interviewDateMs('2026-02-30', PARIS)).toBeNull()
    expect(interviewDateMs('7/12/2026', PARIS)).toBeNull()
  })

  it('counts days left from the study day, so just after midnight is still the day before', () => {
    const day = calendarDay(interviewDateMs('2026-12-07', PARIS)!, PARIS)
    const clock = { rolloverHour: 4, timeZone: PARIS }
    const at = (iso: string) => interviewPlan({ interviewDay: day, today: dayIndex(Date.parse(iso), clock), notLearned: 0, newStudiedToday: 0, newPerDay: 20 }).daysLeft
    expect(at('2026-11-27T09:00:00+01:00')).toBe(10)
    expect(at('2026-12-07T02:00:00+01:00')).toBe(1)
    expect(at('2026-12-07T05:00:00+01:00')).toBe(0)
    expect(at('2026-12-08T09:00:00+01:00')).toBe(-1)
    // Across the end of summer time, still whole days.
    const octDay = calendarDay(interviewDateMs('2026-10-30', PARIS)!, PARIS)
    expect(octDay - dayIndex(Date.parse('2026-10-20T09:00:00+02:00'), clock)).toBe(10)
  })
})

describe('days as dates', () => {
  it('gives noon of a calendar day, the day a plan names', () => {
    const day = calendarDay(Date.parse('2026-12-07T11:00:00Z'), 'Europe/Paris')
    expect(noonOf(day, 'Europe/Paris')).toBe(Date.parse('2026-12-07T11:00:00Z'))
    expect(noonOf(day - 3, 'America/New_York')).toBe(Date.parse('2026-12-04T17:00:00Z'))
  })
})
