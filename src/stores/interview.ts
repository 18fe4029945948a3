// Interview preparation: the interview date and its plan, past mock interviews, and the one under way.
import { defineStore } from 'pinia'
import { computed, ref, shallowRef } from 'vue'
import { getDb, type CardRow, type MockInterviewRow, type ScheduleRow } from '../db/database'
import {
  closeMockInterview,
  countNotLearned,
  createMockInterview,
  DEFAULT_TIMER_SECONDS,
  listMockInterviews,
  loadInterviewPrefs,
  loadStudyPool,
  MockInterviewClosedError,
  recordMockAnswer,
  saveDeclinedPerDay,
  saveInterviewDate,
  saveTimerSeconds,
  type InterviewPrefs,
} from '../db/interview-repository'
import { countReviewsSince, StaleCardError } from '../db/study-repository'
import type { InterviewEntry } from '../domain/content/deck-schema'
import type { LocalizedText } from '../domain/content/localized'
import { elapsedMs, pauseCountdown, resumeCountdown, startCountdown, type Countdown } from '../domain/interview/countdown'
import { finalReviewCards } from '../domain/interview/final-review'
import { calendarDay, interviewDateMs } from '../domain/interview/interview-date'
import { proposeMockGrade, relatedCardIds } from '../domain/interview/mock-summary'
import { finalReviewOpen, interviewPlan, type InterviewPlan } from '../domain/interview/plan'
import { selectQuestions, topicStrengths } from '../domain/interview/select-questions'
import { memoryOf, type GradeValue } from '../domain/scheduling/schedule'
import type { Previews } from '../domain/scheduling/scheduler'
import { dayIndex, dayStartMs } from '../domain/time/study-day'
import { clock } from '../composables/clock'
import { requestPersistentStorage } from '../pwa/storage'
import { MAX_ANSWER_MS } from './session'
import { useSettingsStore } from './settings'

export type MockPhase = 'idle' | 'question' | 'answer' | 'summary'
export type MockMode = MockInterviewRow['mode']

/** A question of a mock interview: its card, narrowed to the interview kind. */
export interface MockQuestion {
  card: CardRow
  entry: InterviewEntry
}

interface PlanFacts {
  today: number
  notLearned: number
  newStudiedToday: number
  /** Cards of the final review, weakest first (filled only while it is on offer). */
  finalReview: string[]
}

type Pool = Awaited<ReturnType<typeof loadStudyPool>>

function asQuestion(card: CardRow | undefined): MockQuestion | null {
  return card && card.content.kind === 'interview' ? { card, entry: card.content } : null
}

export const useInterviewStore = defineStore('interview', () => {
  const settingsStore = useSettingsStore()
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
  const raiseOffer = computed(() => {
    const to = plan.value?.raiseTo ?? null
    return to !== null && to > prefs.value.declinedPerDay ? to : null
  })
  const finalReview = computed(() => facts.value?.finalReview ?? [])

  /** The cards to draw from, with FSRS loaded to weigh them (see the settings store). */
  async function studyPool(): Promise<Pool> {
    const [pool] = await Promise.all([loadStudyPool(db()), settingsStore.loadScheduler()])
    return pool
  }

  function retrievabilityOf(pool: Pool) {
    const { scheduler } = settingsStore
    return (cardId: string, atMs: number) => {
      const s = pool.schedules.get(cardId)
      return s ? scheduler.retrievability(memoryOf(s), cardId, atMs) : 0
    }
  }

  function finalReviewFrom(pool: Pool, dateMs: number): string[] {
    return finalReviewCards({
      schedules: pool.schedules.values(),
      interviewMs: dateMs,
      nowMs: clock.now(),
      desiredRetention: settingsStore.settings.desiredRetention,
      retrievability: retrievabilityOf(pool),
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
      finalList = finalReviewFrom(await studyPool(), p.dateMs)
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

  async function setTimer(seconds: number) {
    await saveTimerSeconds(db(), seconds)
    prefs.value = { ...prefs.value, timerSeconds: seconds }
  }

  /** The final review's cards for the interview date, computed now. */
  async function loadFinalReview(): Promise<string[]> {
    const { dateMs } = await loadInterviewPrefs(db())
    return dateMs === null ? [] : finalReviewFrom(await studyPool(), dateMs)
  }

  // --- past mock interviews --------------------------------------------------------------------

  /** Finished mock interviews, newest first. */
  const history = shallowRef<MockInterviewRow[]>([])
  /** A mock interview left midway, which can be resumed. */
  const unfinished = shallowRef<MockInterviewRow | null>(null)
  /** The questions of every mock shown (history and the one under way), by card id. */
  const questions = shallowRef<Map<string, MockQuestion>>(new Map())
  /** Titles of the material's sections: the topics. */
  const topicTitles = shallowRef<Map<string, LocalizedText>>(new Map())

  async function loadTopicTitles() {
    if (topicTitles.value.size > 0) return
    const { sections } = await import('virtual:deck-content')
    topicTitles.value = new Map(sections.map((s) => [s.id, s.title]))
  }

  async function loadQuestions(ids: Iterable<string>) {
    const missing = [...new Set(ids)].filter((id) => !questions.value.has(id))
    if (missing.length === 0) return
    const cards = await db().cards.bulkGet(missing)
    const next = new Map(questions.value)
    for (const c of cards) {
      const q = asQuestion(c)
      if (q) next.set(q.card.id, q)
    }
    questions.value = next
  }

  async function loadHistory() {
    const rows = await listMockInterviews(db())
    history.value = rows.filter((m) => m.finishedAt !== null)
    unfinished.value = rows.find((m) => m.finishedAt === null) ?? null
    await Promise.all([loadTopicTitles(), loadQuestions(rows.flatMap((m) => m.answers.map((a) => a.cardId)))])
  }

  /** The cards to study after a mock interview (see relatedCardIds). */
  async function relatedTo(mockId: string): Promise<string[]> {
    const row = await db().mockInterviews.get(mockId)
    if (!row) return []
    const pool = await studyPool()
    const deckRank = new Map(pool.deckOrder.map((id, i) => [id, i]))
    return relatedCardIds(
      row.answers,
      pool.cards.map((c) => ({
        id: c.id,
        topic: c.source,
        deckRank: deckRank.get(c.deckId) ?? pool.deckOrder.length,
        position: c.position,
        active: !pool.schedules.get(c.id)?.suspended,
      })),
    )
  }

  // --- the mock interview under way -----------------------------------------------------------

  const mock = shallowRef<MockInterviewRow | null>(null)
  const phase = ref<MockPhase>('idle')
  const covered = ref<number[]>([])
  const notes = ref('')
  const countdown = shallowRef<Countdown | null>(null)
  /** In 'review' mode, the schedule as the question was shown (the answer checks it did not move). */
  const shown = shallowRef<ScheduleRow | null>(null)
  const previews = shallowRef<Previews | null>(null)
  /** i18n key of a notice (a card changed elsewhere, a mock closed in another tab). */
  const notice = ref<string | null>(null)
  const busy = ref(false)

  const index = computed(() => mock.value?.answers.length ?? 0)
  const current = computed<MockQuestion | null>(() => {
    const id = mock.value?.cardIds[index.value]
    return id === undefined ? null : (questions.value.get(id) ?? null)
  })
  const proposed = computed<GradeValue | null>(() =>
    phase.value === 'answer' && current.value ? proposeMockGrade({ covered: covered.value, total: current.value.entry.keyPoints.length }) : null,
  )

  async function showQuestion() {
    const m = mock.value
    const id = m?.cardIds[m.answers.length]
    if (!m || id === undefined) return
    await Promise.all([loadQuestions([id]), settingsStore.loadScheduler()])
    if (!questions.value.has(id)) {
      // The question left its deck since the draw: the interview ends with what it has.
      await closeMockInterview(db(), m.id, clock.now())
      await endWithSummary(m.id)
      return
    }
    const now = clock.now()
    covered.value = []
    notes.value = ''
    shown.value = m.mode === 'review' ? ((await db().schedules.get(id)) ?? null) : null
    previews.value = shown.value ? settingsStore.scheduler.preview(memoryOf(shown.value), id, now) : null
    countdown.value = startCountdown(m.timeLimitMs, now)
    phase.value = 'question'
  }

  async function startMock(count: number, mode: MockMode) {
    const now = clock.now()
    const pool = await studyPool()
    const r = retrievabilityOf(pool)
    const strengths = topicStrengths(pool.cards.map((c) => ({ topic: c.source, retrievability: r(c.id, now) })))
    const candidates = pool.cards
      .filter((c) => c.content.kind === 'interview' && !pool.schedules.get(c.id)?.suspended)
      .map((c) => ({ cardId: c.id, deckId: c.deckId, topic: c.source }))
    const last = (await listMockInterviews(db())).find((m) => m.finishedAt !== null)
    const cardIds = selectQuestions({ candidates, strengths, count, seed: `${now}:${Math.random()}`, recent: new Set(last?.cardIds ?? []) })
    if (cardIds.length === 0) {
      notice.value = 'interview.noQuestions'
      return
    }
    notice.value = null
    mock.value = await createMockInterview(db(), {
      id: crypto.randomUUID(),
      startedAt: now,
      finishedAt: null,
      mode,
      cardIds,
      timeLimitMs: prefs.value.timerSeconds * 1000,
      answers: [],
    })
    unfinished.value = null
    await Promise.all([loadTopicTitles(), loadQuestions(cardIds)])
    await showQuestion()
  }

  async function resumeMock() {
    const m = unfinished.value
    if (!m) return
    notice.value = null
    mock.value = m
    unfinished.value = null
    await Promise.all([loadTopicTitles(), loadQuestions(m.cardIds)])
    await showQuestion()
  }

  function pause() {
    if (countdown.value && phase.value === 'question') countdown.value = pauseCountdown(countdown.value, clock.now())
  }
  function resume() {
    if (countdown.value && phase.value === 'question') countdown.value = resumeCountdown(countdown.value, clock.now())
  }
  function togglePause() {
    if (countdown.value?.runningSince === null) resume()
    else pause()
  }

  /** Shows the model answer; the clock stops, what it shows is the time the answer took. */
  function reveal() {
    if (phase.value !== 'question' || !countdown.value) return
    countdown.value = pauseCountdown(countdown.value, clock.now())
    phase.value = 'answer'
  }

  function toggle(point: number) {
    if (phase.value !== 'answer' || !current.value || point < 0 || point >= current.value.entry.keyPoints.length) return
    covered.value = covered.value.includes(point) ? covered.value.filter((i) => i !== point) : [...covered.value, point]
  }

  async function endWithSummary(mockId: string) {
    mock.value = (await db().mockInterviews.get(mockId)) ?? null
    countdown.value = null
    phase.value = mock.value && mock.value.answers.length > 0 ? 'summary' : 'idle'
    await loadHistory()
  }

  /** Records the answer with this grade (the proposed one or another), then the next question. */
  async function answer(grade: GradeValue) {
    const m = mock.value
    const q = current.value
    if (phase.value !== 'answer' || !m || !q || !countdown.value || busy.value) return
    busy.value = true
    notice.value = null
    const now = clock.now()
    const durationMs = Math.round(elapsedMs(countdown.value, now))
    try {
      const result = await recordMockAnswer(db(), {
        mockId: m.id,
        answer: {
          cardId: q.card.id,
          deckId: q.card.deckId,
          topic: q.card.source,
          covered: [...covered.value],
          total: q.entry.keyPoints.length,
          grade,
          durationMs,
          answeredAt: now,
          notes: notes.value,
        },
        review: m.mode === 'review' && shown.value
          ? {
              cardId: q.card.id,
              grade,
              shown: shown.value,
              nowMs: now,
              // A review's time is capped, as on the review screen, so the stats stay comparable.
              durationMs: Math.min(MAX_ANSWER_MS, durationMs),
              scheduler: settingsStore.scheduler,
              leech: settingsStore.settings,
            }
          : undefined,
      })
      mock.value = result.mock
      if (result.review) void requestPersistentStorage()
      if (result.mock.finishedAt !== null) await endWithSummary(m.id)
      else await showQuestion()
    } catch (e) {
      if (e instanceof StaleCardError) {
        // Nothing was written: the card is shown again as it now is, the learner grades again.
        notice.value = 'interview.stale'
        shown.value = (await db().schedules.get(q.card.id)) ?? null
        previews.value = shown.value ? settingsStore.scheduler.preview(memoryOf(shown.value), q.card.id, now) : null
      } else if (e instanceof MockInterviewClosedError) {
        notice.value = 'interview.closed'
        await endWithSummary(m.id)
      } else throw e
    } finally {
      busy.value = false
    }
  }

  /** Leaves the mock interview for now: it stays open, to resume later from the same question. */
  async function leaveMock() {
    mock.value = null
    countdown.value = null
    phase.value = 'idle'
    await loadHistory()
  }

  /** Ends the mock interview left midway: kept with the answers given (or dropped if none). */
  async function abandonMock() {
    const m = unfinished.value
    if (m) await closeMockInterview(db(), m.id, clock.now())
    await loadHistory()
  }

  /** Shows the summary of a past mock interview. */
  async function openSummary(row: MockInterviewRow) {
    await Promise.all([loadTopicTitles(), loadQuestions(row.answers.map((a) => a.cardId))])
    mock.value = row
    countdown.value = null
    phase.value = 'summary'
  }

  return {
    prefs, planLoaded, plan, raiseOffer, finalReview,
    refreshPlan, setDate, acceptRaise, declineRaise, setTimer, loadFinalReview,
    history, unfinished, questions, topicTitles, loadHistory, relatedTo,
    mock, phase, covered, notes, countdown, previews, notice, busy, index, current, proposed,
    startMock, resumeMock, pause, resume, togglePause, reveal, toggle, answer, leaveMock, abandonMock, openSummary,
  }
})
