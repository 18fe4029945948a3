// A review session: the card on screen with its four previews, answers, actions on the card and
// undo. Its parts, in study/: where the cards come from (session-queue), the cards read ahead
// (read-ahead), the answers being written (answer-writes), what the learner does on the card
// (card-interaction), the double-tap guard (tap-guard), the end screen's counts (session-tally),
// what undo walks back (undo-entry). The actions' transactions (db/card-actions.ts) load when used.
import { defineStore } from 'pinia'
import { computed, ref, shallowRef } from 'vue'
import { getDb, type CardRow, type ScheduleRow } from '../db/database'
import type { CardAction } from '../db/card-actions'
import { loadCardForStudy, nextDueAfter, NothingToUndoError, StaleCardError } from '../db/study-reads'
import {
  afterAnswer,
  learningHorizonMs,
  pickNext,
  queueCounts,
  restoreCard,
  withoutCard,
  type StudyQueue,
} from '../domain/queue/build-queue'
import { memoryOf, type GradeValue } from '../domain/scheduling/schedule'
import type { Previews } from '../domain/scheduling/scheduler'
import { afterPaint } from '../composables/after-paint'
import { clock } from '../composables/clock'
import { dayIndex } from '../domain/time/study-day'
import { useSettingsStore } from './settings'
import { requestPersistentStorage } from '../pwa/storage'
import { createAnswerWrites } from './study/answer-writes'
import { createCardInteraction } from './study/card-interaction'
import { createReadAhead } from './study/read-ahead'
import { createSessionQueue } from './study/session-queue'
import { createSessionTally } from './study/session-tally'
import { createTapGuard } from './study/tap-guard'
import { takeBackEntry, type UndoEntry } from './study/undo-entry'

export type Phase = 'loading' | 'question' | 'answer' | 'wait' | 'done'

export interface CurrentCard {
  card: CardRow
  schedule: ScheduleRow
  /** The four grades' next intervals: computed once the card is painted, or at the latest on reveal. */
  previews: Previews | null
}

export type { UndoEntry }

/** Time on one card is capped, as Anki does, so a card left on screen does not skew the stats. */
export const MAX_ANSWER_MS = 60_000

export const useSessionStore = defineStore('session', () => {
  const settingsStore = useSettingsStore()
  const readAhead = createReadAhead()
  /**
   * The answer's write (db/study-repository.ts). It loads beside FSRS when a session starts (an
   * answer needs both), so the first page does not carry it and no answer waits for it.
   */
  let answerWrite: typeof import('../db/study-repository') | null = null
  const loadAnswerWrite = async () => {
    answerWrite ??= await import('../db/study-repository')
  }
  const writes = createAnswerWrites()

  /** Deck being studied, or null for all decks. */
  const deckId = ref<string | null>(null)
  const phase = ref<Phase>('loading')
  const queue = shallowRef<StudyQueue>({ learning: [], main: [] })
  const current = shallowRef<CurrentCard | null>(null)
  /** When the card on screen was shown (ms), for the time spent on it. */
  const shownAt = ref(0)
  /** Due time of the next learning card while waiting for it. */
  const waitUntil = ref<number | null>(null)
  /** i18n key of a notice to show (stale card, undo). */
  const notice = ref<string | null>(null)
  /** Why the last answer could not be written (with the notice 'review.saveFailed'). */
  const saveError = ref<string | null>(null)
  const undoStack = ref<UndoEntry[]>([])
  const tally = createSessionTally()
  const { answered, againCount, timeSpentMs, lastAnswer } = tally
  const nextDueMs = ref<number | null>(null)
  const source = createSessionQueue(() => settingsStore.settings)
  const { held, limits, deckTitles } = source
  /** Cards chosen elsewhere (final review, custom study), or null for today's queue. */
  const chosen = ref<string[] | null>(null)
  /** Practice: answers are neither written nor logged, schedules stay as they are. */
  const practice = ref(false)
  let busy = false
  let waitTimer: ReturnType<typeof setTimeout> | undefined

  const counts = computed(() => queueCounts(queue.value))

  /** What the learner did on the card on screen: the option picked, the key points ticked, notes. */
  const interaction = createCardInteraction(current, () => phase.value === 'answer')
  const { picked, covered, notes, optionOrder, proposed, toggleKeyPoint } = interaction
  const guard = createTapGuard(() => settingsStore.settings.answerGuardMs)
  const { guarded, tooSoon } = guard

  function showAnswer() {
    withPreviews()
    phase.value = 'answer'
    guard.start(clock.now())
  }

  /** Picks the option shown at `displayIndex` (0-based) of a choice card, which shows the answer. */
  function pick(displayIndex: number): boolean {
    const c = current.value
    if (phase.value !== 'question' || !c || c.card.content.kind !== 'choice') return false
    const option = optionOrder.value[displayIndex]
    if (option === undefined) return false
    if (tooSoon()) return true
    picked.value = option
    showAnswer()
    return true
  }

  async function rebuildQueue() {
    queue.value = await source.load(deckId.value, chosen.value)
  }

  async function start(deck: string | null, pick: { cardIds: string[]; practice?: boolean } | null = null) {
    clearTimeout(waitTimer)
    await writes.done()
    deckId.value = deck
    chosen.value = pick ? [...pick.cardIds] : null
    readAhead.clear()
    practice.value = pick?.practice ?? false
    phase.value = 'loading'
    current.value = null
    notice.value = null
    undoStack.value = []
    tally.reset()
    await Promise.all([rebuildQueue(), settingsStore.loadScheduler(), loadAnswerWrite(), source.loadDeckTitles()])
    await showNext()
  }

  function putOnScreen(loaded: { card: CardRow; schedule: ScheduleRow }, now: number) {
    current.value = { ...loaded, previews: null }
    interaction.reset()
    shownAt.value = now
    waitUntil.value = null
    phase.value = 'question'
    guard.start(now)
  }

  async function showNext(studyAhead = false) {
    clearTimeout(waitTimer)
    let now = clock.now()
    // A session that crosses the rollover starts the new day: its reviews, its limits.
    const dayEndMs = source.dayEndMs()
    if (!chosen.value && dayEndMs > 0 && now >= dayEndMs) {
      // The queue is read again from the database: the answer that got us here must be in it.
      await writes.settled()
      await rebuildQueue()
      now = clock.now()
    }
    const step = pickNext(queue.value, now, studyAhead)
    if (step.kind === 'card') {
      // The card whose answer is being written comes back (a learning step): read it once written.
      const sameCard = writes.ofCard(step.card.cardId)
      if (sameCard) await sameCard
      const loaded = readAhead.take(step.card.cardId) ?? (await loadCardForStudy(getDb(), step.card.cardId))
      // Gone, or suspended since the queue was built (a new leech, Browse in another tab): skip it.
      if (!loaded || loaded.schedule.suspended) {
        queue.value = afterAnswer(queue.value, { ...step.card, state: 0 }, -Infinity)
        return showNext(studyAhead)
      }
      putOnScreen(loaded, now)
      // The card goes on screen first; what it does not need yet follows the paint.
      void afterPaint().then(() => {
        if (current.value?.card.id !== loaded.card.id) return
        withPreviews()
        readAhead.readAfter(queue.value, loaded.schedule.cardId, clock.now())
      })
      return
    }
    current.value = null
    if (step.kind === 'wait') {
      waitUntil.value = step.nextDueMs
      phase.value = 'wait'
      waitTimer = setTimeout(() => void showNext(), Math.max(0, step.nextDueMs - now) + 50)
      return
    }
    await writes.settled()
    nextDueMs.value = await nextDueAfter(getDb(), now)
    phase.value = 'done'
  }

  /** Computes the card on screen's previews, if not yet done, as of when it was shown. */
  function withPreviews() {
    const c = current.value
    if (!c || c.previews) return
    current.value = { ...c, previews: settingsStore.scheduler.preview(memoryOf(c.schedule), c.schedule.cardId, shownAt.value, c.schedule.deckId) }
  }

  /** Shows the answer; on a choice card, without a pick (Again is then proposed). */
  function reveal() {
    if (phase.value !== 'question' || !current.value || tooSoon()) return
    showAnswer()
  }

  /** A grade until the next card is shown. */
  let displaying: Promise<void> | null = null

  /** Resolves once the answer is written (or taken back); the next card shows before that. */
  function grade(g: GradeValue): Promise<void> {
    const shown = current.value
    if (phase.value !== 'answer' || !shown || busy || tooSoon()) return Promise.resolve()
    busy = true
    let done: Promise<void> = Promise.resolve()
    const step = answerAndMoveOn(shown, g, (w) => (done = w)).finally(() => {
      busy = false
      displaying = null
    })
    displaying = step
    return step.then(() => done)
  }

  async function answerAndMoveOn(shown: CurrentCard, g: GradeValue, track: (write: Promise<void>) => void) {
    notice.value = null
    const cardId = shown.schedule.cardId
    const sameCard = writes.ofCard(cardId)
    if (sameCard) await sameCard
    const now = clock.now()
    if (practice.value) return practiceAnswer(shown, g, now)
    // Loaded when the session started: only a failed load (offline, an update) leaves it to load now.
    if (!answerWrite) await loadAnswerWrite()
    const { planAnswer, answerCard } = answerWrite!
    const input = {
      cardId,
      grade: g,
      shown: shown.schedule,
      nowMs: now,
      durationMs: Math.min(MAX_ANSWER_MS, now - shownAt.value),
      scheduler: settingsStore.scheduler,
      leech: settingsStore.settings,
    }
    // The plan for the row on screen: the session moves on at once with it, the transaction writes
    // it (and takes it back if its read finds the row changed), and the screen takes it back if
    // that fails.
    const reviewId = crypto.randomUUID()
    const plan = planAnswer(shown.schedule, input, reviewId)
    const { schedule, review, leech } = plan
    // The write starts in this same task, right after the next card is put in place (below): never
    // later, so that an answer is not lost when the page goes away at once (a reload, the app closed).
    let txStart = 0
    let startWrite!: () => void
    const commit = new Promise<void>((resolve, reject) => {
      startWrite = () => {
        txStart = performance.now()
        answerCard(getDb(), { ...input, plan, card: shown.card }).then(() => resolve(), reject)
      }
    })
    const settled = commit.then(
      () => undefined,
      () => undefined,
    )
    let shownNext: Promise<void> = Promise.resolve()
    const handled = commit.then(
      () => {
        performance.measure('answer-transaction', { start: txStart, end: performance.now() })
        void requestPersistentStorage()
      },
      async (e: unknown) => {
        await shownNext
        await takeBack(shown, g, review, e)
      },
    )
    writes.track(cardId, settled, handled)
    track(handled)
    undoStack.value = [...undoStack.value, { kind: 'review', reviewId: review.id, grade: g, durationMs: review.durationMs }]
    tally.count(g, review.durationMs, 1)
    lastAnswer.value = { grade: g, intervalMs: Math.max(0, schedule.due - now) }
    if (leech) notice.value = settingsStore.settings.leechAction === 'suspend' ? 'review.leech.suspended' : 'review.leech.tagged'
    readAhead.drop(cardId)
    // A card the answer suspended (a new leech) leaves the queue instead of coming back today.
    queue.value = afterAnswer(queue.value, schedule, schedule.suspended ? -Infinity : learningHorizonMs(now, source.dayEndMs()))
    // The next card (read ahead) is set synchronously, so its render is queued before the
    // transaction's own first steps.
    shownNext = showNext()
    startWrite()
    await shownNext
  }

  /**
   * The write of an answer failed: nothing of it was saved. It leaves the undo stack and the
   * counters; the card comes back next (or, changed elsewhere, the queue is read again). The card
   * on screen, if any, stays.
   */
  async function takeBack(shown: CurrentCard, g: GradeValue, review: { id: string; durationMs: number }, error: unknown) {
    undoStack.value = undoStack.value.filter((u) => u.kind !== 'review' || u.reviewId !== review.id)
    tally.count(g, review.durationMs, -1)
    readAhead.drop(shown.schedule.cardId)
    if (error instanceof StaleCardError) {
      // Changed elsewhere (another tab, Browse): the queue is read again.
      notice.value = 'review.stale'
      if (chosen.value) queue.value = withoutCard(queue.value, shown.schedule.cardId)
      else await rebuildQueue()
    } else {
      notice.value = 'review.saveFailed'
      saveError.value = error instanceof Error ? error.message : String(error)
      const { cardId, deckId: deck, state, due, position } = shown.schedule
      queue.value = restoreCard(queue.value, { cardId, deckId: deck, state, due, position })
    }
    // Nothing on screen (the end or the wait screen): show what is next, maybe this card.
    if (!current.value || (phase.value !== 'question' && phase.value !== 'answer')) await showNext()
  }

  /** Takes back the last answer or card action of this session: its card comes back on screen. */
  async function undo() {
    if (displaying) await displaying
    await writes.done()
    const last = undoStack.value.at(-1)
    if (!last || busy) {
      notice.value = 'review.nothingToUndo'
      return
    }
    busy = true
    try {
      const restored = await takeBackEntry(last, settingsStore.settings)
      if (last.kind === 'review') tally.count(last.grade, last.durationMs, -1)
      undoStack.value = undoStack.value.slice(0, -1)
      queue.value = restoreCard(queue.value, restored)
      const loaded = await loadCardForStudy(getDb(), restored.cardId)
      if (loaded) {
        putOnScreen(loaded, clock.now())
        withPreviews()
      }
      notice.value = last.kind === 'review' ? 'review.undone' : 'study.actions.undone'
    } catch (e) {
      if (!(e instanceof StaleCardError || e instanceof NothingToUndoError)) throw e
      undoStack.value = []
      notice.value = 'review.nothingToUndo'
    } finally {
      busy = false
    }
  }

  /**
   * An action on the card on screen, in one transaction. A flag keeps the card on screen; suspend,
   * bury and forget take it out of today's session and show the next one. Undo takes it back.
   */
  async function act(action: CardAction): Promise<void> {
    const shown = current.value
    if (!shown || busy || (phase.value !== 'question' && phase.value !== 'answer')) return
    busy = true
    notice.value = null
    try {
      const [{ applyCardAction }] = await Promise.all([import('../db/card-actions'), writes.ofCard(shown.schedule.cardId)])
      const now = clock.now()
      const today = dayIndex(now, { rolloverHour: settingsStore.settings.rolloverHour, timeZone: clock.timeZone() })
      const record = await applyCardAction(getDb(), shown.schedule, action, { today, nowMs: now, forget: settingsStore.scheduler.forget })
      notice.value = `study.actions.done.${action.kind}`
      if (!record) return
      undoStack.value = [...undoStack.value, { kind: 'action', record }]
      readAhead.drop(shown.schedule.cardId)
      if (action.kind === 'flag' || action.kind === 'unflag') {
        // Same card, same memory: the previews stand; the new row's version is the one to answer.
        if (current.value?.card.id === shown.card.id) current.value = { ...current.value, schedule: record.after }
        return
      }
      queue.value = withoutCard(queue.value, shown.schedule.cardId)
      busy = false
      await showNext()
    } catch (e) {
      if (!(e instanceof StaleCardError)) throw e
      notice.value = 'review.stale'
      if (!chosen.value) await rebuildQueue()
      await showNext()
    } finally {
      busy = false
    }
  }

  /** Practice: nothing is written; a card graded Again comes back at the end of the list. */
  async function practiceAnswer(shown: CurrentCard, g: GradeValue, now: number) {
    tally.count(g, Math.min(MAX_ANSWER_MS, Math.max(0, now - shownAt.value)), 1)
    lastAnswer.value = null
    const rest = withoutCard(queue.value, shown.schedule.cardId)
    const { cardId, deckId: deck, state, due, position } = shown.schedule
    queue.value = g === 1 ? { ...rest, main: [...rest.main, { cardId, deckId: deck, state, due, position }] } : rest
    await showNext()
  }

  /**
   * A session on chosen cards (final review, custom study), in that order. With `practice`, the
   * schedules and the review log are left untouched.
   */
  function startWith(cardIds: string[], options: { practice?: boolean } = {}) {
    return start(null, { cardIds, ...options })
  }

  function stop() {
    clearTimeout(waitTimer)
    guard.stop()
  }

  return {
    deckId, phase, current, shownAt, waitUntil, notice, undoStack, answered, againCount, timeSpentMs,
    nextDueMs, counts, picked, covered, notes, optionOrder, proposed, saveError, guarded, lastAnswer,
    held, limits, deckTitles, chosen, practice,
    start, startWith, showNext, reveal, grade, undo, act, stop, pick, toggleKeyPoint, onPrefetch: readAhead.onPrefetch,
  }
})
