// The interview-date plan: days left, cards not yet learned, and the new cards a day it takes.

/** Every card should have been seen this many days before the interview; the rest is final review. */
export const DAYS_BEFORE = 3
/** The final review is offered from this many days before the interview to the day itself. */
export const FINAL_REVIEW_DAYS = 3

export interface PlanInput {
  /** Calendar day of the interview (days since 1970-01-01). */
  interviewDay: number
  /** Today's study day (the same numbering, with the rollover applied). */
  today: number
  /** Active cards never studied. */
  notLearned: number
  /** New cards already introduced today: they count against today's limit. */
  newStudiedToday: number
  /** The learner's daily limit of new cards. */
  newPerDay: number
}

export type PlanPhase = 'past' | 'today' | 'final' | 'learning'

export interface InterviewPlan {
  phase: PlanPhase
  /** Days until the interview: 0 on the day, negative once past. */
  daysLeft: number
  notLearned: number
  /** Study days left to introduce new cards, today included (0 on the day or after). */
  newDays: number
  /** Last day to introduce new cards (three days before, or the day before when that is too late). */
  lastNewDay: number | null
  /** True when three days before the date is already behind: the plan aims for the day before. */
  late: boolean
  /** New cards a day needed to have seen them all by `lastNewDay`; null when there is no day left. */
  newPerDayNeeded: number | null
  /** The daily limit to offer when the current one is too low for the plan, else null. */
  raiseTo: number | null
}

export const MAX_NEW_PER_DAY = 9999

export function interviewPlan(input: PlanInput): InterviewPlan {
  const daysLeft = input.interviewDay - input.today
  const notLearned = Math.max(0, input.notLearned)
  const base = { daysLeft, notLearned, newDays: 0, lastNewDay: null, late: false, newPerDayNeeded: null, raiseTo: null }
  if (daysLeft < 0) return { ...base, phase: 'past' }
  if (daysLeft === 0) return { ...base, phase: 'today' }
  const target = input.interviewDay - DAYS_BEFORE
  const late = target < input.today
  const lastNewDay = late ? input.interviewDay - 1 : target
  const newDays = lastNewDay - input.today + 1
  // Today's limit already holds the cards introduced today, so they are part of today's share.
  const needed = notLearned === 0 ? 0 : Math.min(MAX_NEW_PER_DAY, Math.ceil((notLearned + Math.max(0, input.newStudiedToday)) / newDays))
  return {
    phase: daysLeft <= FINAL_REVIEW_DAYS ? 'final' : 'learning',
    daysLeft,
    notLearned,
    newDays,
    lastNewDay,
    late,
    newPerDayNeeded: needed,
    raiseTo: needed > input.newPerDay ? needed : null,
  }
}

/** Whether the final review is on offer: the last days before the interview, and the day itself. */
export function finalReviewOpen(plan: Pick<InterviewPlan, 'daysLeft'>): boolean {
  return plan.daysLeft >= 0 && plan.daysLeft <= FINAL_REVIEW_DAYS
}

/** The daily limit to offer, unless the learner already declined that much (or more). */
export function raiseOffer(plan: Pick<InterviewPlan, 'raiseTo'> | null, declinedPerDay: number): number | null {
  const to = plan?.raiseTo ?? null
  return to !== null && to > declinedPerDay ? to : null
}
