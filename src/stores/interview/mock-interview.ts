// The mock interview under way: the draw, one question at a time against the clock, the answers, the summary.
import { computed, ref, shallowRef, type Ref } from 'vue'
import { getDb, type MockInterviewRow, type ScheduleRow } from '../../db/database'
import {
  closeMockInterview,
  createMockInterview as saveNewMock,
  listMockInterviews,
  MockInterviewClosedError,
  recordMockAnswer,
  saveTimerSeconds,
  type InterviewPrefs,
} from '../../db/interview-repository'
import { StaleCardError } from '../../db/study-repository'
import { elapsedMs, pauseCountdown, resumeCountdown, startCountdown, type Countdown } from '../../domain/interview/countdown'
import { drawMockQuestions } from '../../domain/interview/mock-pool'
import { proposeMockGrade } from '../../domain/interview/mock-summary'
import { memoryOf, type GradeValue } from '../../domain/scheduling/schedule'
import type { Previews } from '../../domain/scheduling/scheduler'
import { clock } from '../../composables/clock'
import { requestPersistentStorage } from '../../pwa/storage'
import { MAX_ANSWER_MS } from '../session'
import type { useSettingsStore } from '../settings'
import type { MockHistory, MockQuestion } from './mock-history'
import type { StudyPool } from './study-pool'

export type MockPhase = 'idle' | 'question' | 'answer' | 'summary'
export type MockMode = MockInterviewRow['mode']

export function createMockInterview(
  settingsStore: ReturnType<typeof useSettingsStore>,
  studyPool: StudyPool,
  past: MockHistory,
  /** The interview prefs (time per question), shared with the plan. */
  prefs: Ref<InterviewPrefs>,
) {
  const db = () => getDb()
  const { questions, unfinished, loadTopicTitles, loadQuestions, loadHistory } = past

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

  async function setTimer(seconds: number) {
    await saveTimerSeconds(db(), seconds)
    prefs.value = { ...prefs.value, timerSeconds: seconds }
  }

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
    previews.value = shown.value ? settingsStore.scheduler.preview(memoryOf(shown.value), id, now, shown.value.deckId) : null
    countdown.value = startCountdown(m.timeLimitMs, now)
    phase.value = 'question'
  }

  async function startMock(count: number, mode: MockMode) {
    const now = clock.now()
    const pool = await studyPool.load()
    const r = studyPool.retrievabilityOf(pool)
    const last = (await listMockInterviews(db())).find((m) => m.finishedAt !== null)
    const cardIds = drawMockQuestions({
      cards: pool.cards,
      schedules: pool.schedules,
      retrievability: (cardId) => r(cardId, now),
      count,
      seed: `${now}:${Math.random()}`,
      recent: new Set(last?.cardIds ?? []),
    })
    if (cardIds.length === 0) {
      notice.value = 'interview.noQuestions'
      return
    }
    notice.value = null
    mock.value = await saveNewMock(db(), {
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
        previews.value = shown.value ? settingsStore.scheduler.preview(memoryOf(shown.value), q.card.id, now, shown.value.deckId) : null
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
    mock, phase, covered, notes, countdown, previews, notice, busy, index, current, proposed,
    setTimer, startMock, resumeMock, pause, resume, togglePause, reveal, toggle, answer, leaveMock, abandonMock, openSummary,
  }
}
