// The interview date and the plan until it: new cards a day, the offer to raise the limit, the final review.
import { computed, ref, shallowRef } from 'vue'
import { getDb } from '../../db/database'
import {
  countNotLearned,
  DEFAULT_TIMER_SECONDS,
  loadInterviewPrefs,
  saveDeclinedPerDay,
  saveInterviewDate,
  type InterviewPrefs,
} from '../../db/interview-repository'
import { countReviewsSince } from '../../db/study-repository'
import { finalReviewCards } from '../../domain/interview/final-review'
import { calendarDay, interviewDateMs } from '../../domain/interview/interview-date'
import { finalReviewOpen, interviewPlan, raiseOffer as offerFor, type InterviewPlan } from '../../domain/interview/plan'
import { dayIndex, dayStartMs } from '../../domain/time/study-day'
import { clock } from '../../composables/clock'
import type { useSettingsStore } from '../settings'
import type { Pool, StudyPool } from './study-pool'

interface PlanFacts {
  today: number
  notLearned: number
  newStudiedToday: number
  /** Cards of the final review, weakest first (filled only while it is on offer). */
  finalReview: string[]
}

export function createInterviewPlan(settingsStore: ReturnType<typeof useSettingsStore>, studyPool: StudyPool) {
  const db = () => getDb()

  /** Interview date, time per question, declined offer (from the meta table). */
  const prefs = ref<InterviewPrefs>({ dateMs: null, timerSeconds: DEFAULT_TIMER_SECONDS, declinedPerDay: 0 })
  const facts = shallowRef<PlanFacts | null>(null)
  const planLoaded = ref(false)

  const plan = computed<InterviewPlan | null>(() => {
    const f = facts.value
    if (prefs.value.dateMs === null || !f) return null
    return interviewPlan({
      interviewDay: calendarDay(prefs.value.dateMs, clock.timeZone()),
      today: f.today,
      notLearned: f.notLearned,
      newStudiedToday: f.newStudiedToday,
      newPerDay: settingsStore.settings.newPerDay,
    })
  })
  /** The offer to raise the daily limit, unless the learner declined this much (or more) already. */
  const raiseOffer = computed(() => offerFor(plan.value, prefs.value.declinedPerDay))
  const finalReview = computed(() => facts.value?.finalReview ?? [])

  function finalReviewFrom(pool: Pool, dateMs: number): string[] {
    return finalReviewCards({
      schedules: pool.schedules.values(),
      interviewMs: dateMs,
      nowMs: clock.now(),
      desiredRetention: settingsStore.settings.desiredRetention,
      retrievability: studyPool.retrievabilityOf(pool),
    }).map((c) => c.cardId)
  }

  /** Re-reads the date and what the plan is made of; call when home or the interview screen opens. */
  async function refreshPlan() {
    const now = clock.now()
    const dayClock = { rolloverHour: settingsStore.settings.rolloverHour, timeZone: clock.timeZone() }
    const today = dayIndex(now, dayClock)
    const [p, notLearned, counts] = await Promise.all([
      loadInterviewPrefs(db()),
      countNotLearned(db()),
      countReviewsSince(db(), dayStartMs(today, dayClock)),
    ])
    prefs.value = p
    let finalList: string[] = []
    if (p.dateMs !== null && finalReviewOpen({ daysLeft: calendarDay(p.dateMs, clock.timeZone()) - today })) {
      finalList = finalReviewFrom(await studyPool.load(), p.dateMs)
    }
    facts.value = { today, notLearned, newStudiedToday: counts.newStudied, finalReview: finalList }
    planLoaded.value = true
  }

  /** "2026-12-07", or null to clear the date. Returns false when the text is not a date. */
  async function setDate(isoDate: string | null): Promise<boolean> {
    const ms = isoDate === null ? null : interviewDateMs(isoDate, clock.timeZone())
    if (isoDate !== null && ms === null) return false
    await saveInterviewDate(db(), ms)
    await refreshPlan()
    return true
  }

  async function acceptRaise() {
    const to = raiseOffer.value
    if (to !== null) await settingsStore.update({ newPerDay: to })
  }

  async function declineRaise() {
    const to = raiseOffer.value
    if (to === null) return
    await saveDeclinedPerDay(db(), to)
    prefs.value = { ...prefs.value, declinedPerDay: to }
  }

  /** The final review's cards for the interview date, computed now. */
  async function loadFinalReview(): Promise<string[]> {
    const { dateMs } = await loadInterviewPrefs(db())
    return dateMs === null ? [] : finalReviewFrom(await studyPool.load(), dateMs)
  }

  return { prefs, planLoaded, plan, raiseOffer, finalReview, refreshPlan, setDate, acceptRaise, declineRaise, loadFinalReview }
}
