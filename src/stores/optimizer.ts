// The settings' FSRS optimiser: fit weights in the worker, keep them only when better, go back,
// reschedule, and the year simulated at each desired retention (with the interview's offer).
import { defineStore } from 'pinia'
import { ref, shallowRef } from 'vue'
import { DB_NAME, getDb } from '../db/database'
import { applyWeights, loadFitRecord, revertWeights, type FsrsFitRecord } from '../db/optimizer-repository'
import { loadInterviewPrefs } from '../db/interview-repository'
import { listDecks } from '../db/deck-repository'
import { bestRetention } from '../domain/optimizer/simulate'
import { dayIndex, dayStartMs } from '../domain/time/study-day'
import { calendarDay } from '../domain/interview/interview-date'
import { clock } from '../composables/clock'
import { OptimiserCrashedError, optimiseInWorker, rescheduleInWorker, simulateInWorker, type Phase } from '../workers/optimizer-client'
import type { OptimiseReply, SimulateReply } from '../workers/optimizer-protocol'
import { useSettingsStore } from './settings'

export type OptimiserError = 'crashed' | 'failed'

/** The higher retention offered for the interview decks: a few points up, 0.95 at least, 0.97 at most. */
export function interviewRetentionFor(current: number): number {
  return Math.min(0.97, Math.max(0.95, Math.round((current + 0.03) * 100) / 100))
}

export const useOptimizerStore = defineStore('optimizer', () => {
  const settingsStore = useSettingsStore()
  /** What the worker is doing, null when idle. */
  const phase = ref<Phase | 'rescheduling' | null>(null)
  const result = shallowRef<OptimiseReply | null>(null)
  const error = ref<OptimiserError | null>(null)
  /** The last fit applied (with the weights it replaced), from the meta table. */
  const record = shallowRef<FsrsFitRecord | null>(null)
  const simulation = shallowRef<SimulateReply | null>(null)
  const rescheduled = ref<number | null>(null)
  /** The interview, when a date is set and still ahead: its decks and study days left. */
  const interview = shallowRef<{ dateMs: number; untilMs: number; days: number; deckIds: string[] } | null>(null)

  const logClock = () => ({ dbName: DB_NAME, nowMs: clock.now(), timeZone: clock.timeZone(), rolloverHour: settingsStore.settings.rolloverHour })

  async function load() {
    record.value = await loadFitRecord(getDb())
    const { dateMs } = await loadInterviewPrefs(getDb())
    const dayClock = { rolloverHour: settingsStore.settings.rolloverHour, timeZone: clock.timeZone() }
    const today = dayIndex(clock.now(), dayClock)
    const interviewDay = dateMs === null ? null : calendarDay(dateMs, clock.timeZone())
    if (dateMs === null || interviewDay === null || interviewDay <= today) {
      interview.value = null
      return
    }
    // The interview decks: those that hold interview questions (mock interviews draw from them).
    const decks = await listDecks(getDb())
    const withQuestions = new Set((await getDb().cards.filter((c) => c.content.kind === 'interview' && !c.retired).toArray()).map((c) => c.deckId))
    interview.value = { dateMs, untilMs: dayStartMs(interviewDay, dayClock), days: interviewDay - today, deckIds: decks.map((d) => d.id).filter((id) => withQuestions.has(id)) }
  }

  async function run<T>(work: () => Promise<T>): Promise<T | null> {
    error.value = null
    try {
      return await work()
    } catch (e) {
      console.error('optimiser:', e)
      error.value = e instanceof OptimiserCrashedError ? 'crashed' : 'failed'
      return null
    } finally {
      phase.value = null
    }
  }

  async function optimise() {
    result.value = null
    rescheduled.value = null
    const { fsrsWeights } = settingsStore.settings
    const start = performance.now()
    result.value = await run(() =>
      optimiseInWorker({ type: 'optimise', ...logClock(), currentWeights: fsrsWeights ? [...fsrsWeights] : null }, (p) => (phase.value = p)),
    )
    // Read by the benchmark (tests/bench): the whole run as the learner waits for it, and its parts.
    performance.measure('optimiser-run', { start, detail: JSON.parse(JSON.stringify(result.value)) })
  }

  async function apply() {
    const r = result.value
    if (r?.kind !== 'fitted' || !r.better) return
    settingsStore.settings = await applyWeights(getDb(), { atMs: clock.now(), weights: r.weights, current: r.current, fitted: r.fitted, reviewsUsed: r.counts.used })
    record.value = await loadFitRecord(getDb())
    result.value = null
  }

  async function revert() {
    settingsStore.settings = await revertWeights(getDb())
    record.value = null
    rescheduled.value = null
  }

  async function reschedule() {
    phase.value = 'rescheduling'
    const settings = JSON.parse(JSON.stringify(settingsStore.settings))
    const reply = await run(() => rescheduleInWorker({ type: 'reschedule', dbName: DB_NAME, settings }))
    if (reply) rescheduled.value = reply.rescheduled
  }

  async function simulate() {
    const s = settingsStore.settings
    const i = interview.value
    const simulateStart = performance.now()
    simulation.value = await run(() =>
      simulateInWorker(
        {
          type: 'simulate',
          ...logClock(),
          weights: s.fsrsWeights ? [...s.fsrsWeights] : null,
          desiredRetention: s.desiredRetention,
          newPerDay: s.newPerDay,
          reviewsPerDay: s.reviewsPerDay,
          maximumIntervalDays: s.maximumIntervalDays,
          learningSteps: s.learningSteps.length,
          relearningSteps: s.relearningSteps.length,
          interview: i && { deckIds: i.deckIds, days: i.days, desiredRetention: interviewRetentionFor(s.desiredRetention) },
        },
        (p) => (phase.value = p),
      ),
    )
    performance.measure('optimiser-simulate', { start: simulateStart, detail: JSON.parse(JSON.stringify(simulation.value)) })
  }

  const suggestion = () => (simulation.value ? bestRetention(simulation.value.results) : null)

  async function aimFor(desiredRetention: number) {
    await settingsStore.update({ desiredRetention })
  }

  async function startInterviewRetention() {
    const i = interview.value
    if (!i) return
    await settingsStore.update({
      interviewRetention: { desiredRetention: interviewRetentionFor(settingsStore.settings.desiredRetention), deckIds: [...i.deckIds], untilMs: i.untilMs },
    })
  }

  async function stopInterviewRetention() {
    await settingsStore.update({ interviewRetention: null })
  }

  return {
    phase, result, error, record, simulation, rescheduled, interview,
    load, optimise, apply, revert, reschedule, simulate, suggestion, aimFor, startInterviewRetention, stopInterviewRetention,
  }
})
