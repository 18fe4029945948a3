// Interview preparation, one store in parts (stores/interview/): the interview date and its plan with
// the final review, past mock interviews, and the mock interview under way.
import { defineStore } from 'pinia'
import { useSettingsStore } from './settings'
import { createInterviewPlan } from './interview/interview-plan'
import { createMockHistory } from './interview/mock-history'
import { createMockInterview } from './interview/mock-interview'
import { createStudyPool } from './interview/study-pool'

export type { MockQuestion } from './interview/mock-history'
export type { MockMode, MockPhase } from './interview/mock-interview'

export const useInterviewStore = defineStore('interview', () => {
  const settingsStore = useSettingsStore()
  const pool = createStudyPool(settingsStore)
  const { prefs, planLoaded, plan, raiseOffer, finalReview, refreshPlan, setDate, acceptRaise, declineRaise, loadFinalReview } =
    createInterviewPlan(settingsStore, pool)
  const past = createMockHistory(pool)
  const { history, unfinished, questions, topicTitles, loadHistory, relatedTo } = past
  const {
    mock, phase, covered, notes, countdown, previews, notice, busy, index, current, proposed,
    setTimer, startMock, resumeMock, pause, resume, togglePause, reveal, toggle, answer, leaveMock, abandonMock, openSummary,
  } = createMockInterview(settingsStore, pool, past, prefs)

  return {
    prefs, planLoaded, plan, raiseOffer, finalReview,
    refreshPlan, setDate, acceptRaise, declineRaise, setTimer, loadFinalReview,
    history, unfinished, questions, topicTitles, loadHistory, relatedTo,
    mock, phase, covered, notes, countdown, previews, notice, busy, index, current, proposed,
    startMock, resumeMock, pause, resume, togglePause, reveal, toggle, answer, leaveMock, abandonMock, openSummary,
  }
})
