// A review session: today's queue, the card on screen with its four previews, answers and undo.
import { defineStore } from 'pinia'
import { computed, ref, shallowRef } from 'vue'
import { getDb, type CardRow, type ScheduleRow } from '../db/database'
import { loadStudyContext, queueFor } from '../db/study-context'
import {
  answerCard,
  loadCardForStudy,
  loadCardsForStudy,
  planAnswer,
  nextDueAfter,
  NothingToUndoError,
  StaleCardError,
  undoReview,
} from '../db/study-repository'
import { afterAnswer, learningHorizonMs, pickNext, queueCounts, restoreCard, type StudyQueue } from '../domain/queue/build-queue'
import { memoryOf, type GradeValue } from '../domain/scheduling/schedule'
import { proposeChoiceGrade, proposeInterviewGrade, shuffledOrder } from '../domain/content/grading'
import type { Previews } from '../domain/scheduling/scheduler'
import { afterPaint } from '../composables/after-paint'
import { clock } from '../composables/clock'
import { nextRolloverMs } from '../domain/time/study-day'
import { useSettingsStore } from './settings'
import { requestPersistentStorage } from '../pwa/storage'

export type Phase = 'loading' | 'question' | 'answer' | 'wait' | 'done'

export interface CurrentCard {
  card: CardRow
  schedule: ScheduleRow
  /** The four grades' next intervals: computed once the card is painted, or at the latest on reveal. */
  previews: Previews | null
}

/** How many upcoming cards are read ahead. */
const PREFETCH_DEPTH = 3

/** Time on one card is capped, as Anki does, so a card left on screen does not skew the stats. */
export const MAX_ANSWER_MS = 60_000

export const useSessionStore = defineStore('session', () => {
  const settingsStore = useSettingsStore()

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
  /** Answers of this session, newest last: what undo walks back. */
  const undoStack = ref<Array<{ reviewId: string; grade: GradeValue; durationMs: number }>>([])
  const answered = ref(0)
  const againCount = ref(0)
  const timeSpentMs = ref(0)
  const nextDueMs = ref<number | null>(null)
  /** Cards chosen elsewhere (final review, cards related to a mock interview), or null for today's queue. */
  const chosen = ref<string[] | null>(null)
  /** Practice: answers are neither written nor logged, schedules stay as they are. */
  const practice = ref(false)
  let dayEndMs = 0
  let busy = false
  /** The card most likely shown next, read ahead while the learner looks at the current one. */
  const prefetched = new Map<string, { card: CardRow; schedule: ScheduleRow }>()
  let waitTimer: ReturnType<typeof setTimeout> | undefined

  const counts = computed(() => queueCounts(queue.value))

  /** What the learner did on the card on screen: the option picked, the key points ticked, notes. */
  const picked = ref<number | null>(null)
  const covered = ref<number[]>([])
  const notes = ref('')

  /** Display order of a choice card's options: shuffled, but fixed for this card and review count. */
  const optionOrder = computed(() => {
    const c = current.value
    if (!c || c.card.content.kind !== 'choice') return []
    return shuffledOrder(c.card.content.options.length, `${c.card.id}:${c.schedule.reps}`)
  })

  /** The grade proposed by a choice or interview card once the answer is shown. */
  const proposed = computed<GradeValue | null>(() => {
    const content = current.value?.card.content
    if (phase.value !== 'answer' || !content) return null
    if (content.kind === 'choice') {
      return proposeChoiceGrade(picked.value === null ? null : content.options[picked.value]?.correct === true)
    }
    if (content.kind === 'interview') return proposeInterviewGrade(covered.value.length, content.keyPoints.length)
    return null
  })

  function resetInteraction() {
    picked.value = null
    covered.value = []
    notes.value = ''
  }

  /** Picks the option shown at `displayIndex` (0-based) of a choice card, which shows the answer. */
  function pick(displayIndex: number): boolean {
    const c = current.value
    if (phase.value !== 'question' || !c || c.card.content.kind !== 'choice') return false
    const option = optionOrder.value[displayIndex]
    if (option === undefined) return false
    picked.value = option
    withPreviews()
    phase.value = 'answer'
    return true
  }

  function toggleKeyPoint(index: number) {
    covered.value = covered.value.includes(index) ? covered.value.filter((i) => i !== index) : [...covered.value, index]
  }

  async function rebuildQueue() {
    if (chosen.value) return loadChosen(chosen.value)
    const started = performance.now()
    const ctx = await loadStudyContext(getDb(), settingsStore.settings, clock.now(), clock.timeZone())
    dayEndMs = ctx.dayEndMs
    // Cards already answered in this session are counted by the log, so the limits stay right.
    queue.value = queueFor(ctx, settingsStore.settings, deckId.value)
    performance.measure('queue-build', { start: started, end: performance.now() })
  }

  async function start(deck: string | null, pick: { cardIds: string[]; practice?: boolean } | null = null) {
    clearTimeout(waitTimer)
    await written
    deckId.value = deck
    chosen.value = pick ? [...pick.cardIds] : null
    prefetched.clear()
    practice.value = pick?.practice ?? false
    phase.value = 'loading'
    current.value = null
    notice.value = null
    undoStack.value = []
    answered.value = 0
    againCount.value = 0
    timeSpentMs.value = 0
    await Promise.all([rebuildQueue(), settingsStore.loadScheduler()])
    await showNext()
  }

  async function showNext(studyAhead = false) {
    clearTimeout(waitTimer)
    let now = clock.now()
    // A session that crosses the rollover starts the new day: its reviews, its limits.
    if (!chosen.value && dayEndMs > 0 && now >= dayEndMs) {
      await rebuildQueue()
      now = clock.now()
    }
    const step = pickNext(queue.value, now, studyAhead)
    if (step.kind === 'card') {
      // The card whose answer is being written comes back (a learning step): read it once written.
      const sameCard = writing.get(step.card.cardId)
      if (sameCard) await sameCard
      const cached = prefetched.get(step.card.cardId)
      prefetched.delete(step.card.cardId)
      const loaded = cached ?? (await loadCardForStudy(getDb(), step.card.cardId))
      // Gone, or suspended since the queue was built (a new leech, Browse in another tab): skip it.
      if (!loaded || loaded.schedule.suspended) {
        queue.value = afterAnswer(queue.value, { ...step.card, state: 0 }, -Infinity)
        return showNext(studyAhead)
      }
      current.value = { ...loaded, previews: null }
      resetInteraction()
      shownAt.value = now
      waitUntil.value = null
      phase.value = 'question'
      // The card goes on screen first; what it does not need yet follows the paint.
      void afterPaint().then(() => {
        if (current.value?.card.id !== loaded.card.id) return
        withPreviews()
        prefetchNext(loaded.schedule.cardId)
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
    await writesSettled()
    nextDueMs.value = await nextDueAfter(getDb(), now)
    phase.value = 'done'
  }

  /** Computes the card on screen's previews, if not yet done, as of when it was shown. */
  function withPreviews() {
    const c = current.value
    if (!c || c.previews) return
    current.value = { ...c, previews: settingsStore.scheduler.preview(memoryOf(c.schedule), c.schedule.cardId, shownAt.value) }
  }

  function reveal() {
    if (phase.value !== 'question') return
    withPreviews()
    phase.value = 'answer'
  }

  /**
   * Answers being written. The next card is on screen before an answer's transaction commits, and
   * the learner may answer it before that: transactions queue in IndexedDB in the order they are
   * made. A card's row is read again only once its own write settled; undo, a new session and the
   * end screen wait for every write.
   */
  const writing = new Map<string, Promise<void>>()
  /** Every write, each followed by its take-back if it failed. */
  let written: Promise<void> = Promise.resolve()
  /** A grade until the next card is shown. */
  let displaying: Promise<void> | null = null

  function writesSettled(): Promise<void> {
    return Promise.all([...writing.values()]).then(() => undefined)
  }

  /** Resolves once the answer is written (or taken back); the next card shows before that. */
  function grade(g: GradeValue): Promise<void> {
    const shown = current.value
    if (phase.value !== 'answer' || !shown || busy) return Promise.resolve()
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
    const sameCard = writing.get(cardId)
    if (sameCard) await sameCard
    const now = clock.now()
    if (practice.value) return practiceAnswer(shown, g, now)
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
    writing.set(cardId, settled)
    void settled.then(() => {
      if (writing.get(cardId) === settled) writing.delete(cardId)
    })
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
    // Settled either way: a take-back that fails (the queue cannot be read) must not block undo and
    // new sessions for good; grade()'s own promise still reports it.
    written = Promise.all([written, handled.catch(() => undefined)]).then(() => undefined)
    track(handled)
    undoStack.value = [...undoStack.value, { reviewId: review.id, grade: g, durationMs: review.durationMs }]
    answered.value++
    if (g === 1) againCount.value++
    if (leech) notice.value = settingsStore.settings.leechAction === 'suspend' ? 'review.leech.suspended' : 'review.leech.tagged'
    timeSpentMs.value += review.durationMs
    prefetched.delete(cardId)
    // A card the answer suspended (a new leech) leaves the queue instead of coming back today.
    queue.value = afterAnswer(queue.value, schedule, schedule.suspended ? -Infinity : learningHorizonMs(now, dayEndMs))
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
    undoStack.value = undoStack.value.filter((u) => u.reviewId !== review.id)
    answered.value--
    if (g === 1) againCount.value--
    timeSpentMs.value -= review.durationMs
    prefetched.delete(shown.schedule.cardId)
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

  async function undo() {
    if (displaying) await displaying
    await written
    const last = undoStack.value.at(-1)
    if (!last || busy) {
      notice.value = 'review.nothingToUndo'
      return
    }
    busy = true
    try {
      const restored = await undoReview(getDb(), last.reviewId, settingsStore.settings)
      undoStack.value = undoStack.value.slice(0, -1)
      answered.value--
      if (last.grade === 1) againCount.value--
      timeSpentMs.value -= last.durationMs
      queue.value = restoreCard(queue.value, restored)
      const loaded = await loadCardForStudy(getDb(), restored.cardId)
      if (loaded) {
        const now = clock.now()
        current.value = { ...loaded, previews: null }
        resetInteraction()
        shownAt.value = now
        phase.value = 'question'
        withPreviews()
      }
      notice.value = 'review.undone'
    } catch (e) {
      if (!(e instanceof StaleCardError || e instanceof NothingToUndoError)) throw e
      undoStack.value = []
      notice.value = 'review.nothingToUndo'
    } finally {
      busy = false
    }
  }

  /** Reads ahead the card that follows the one on screen, whatever grade it gets. */
  function prefetchNext(onScreen: string) {
    // Three cards ahead: a read made now waits for the answer being written (IndexedDB orders
    // transactions), so the card after next is read while the learner is still on this one.
    const ids: string[] = []
    let rest = withoutCard(queue.value, onScreen)
    for (let i = 0; i < PREFETCH_DEPTH; i++) {
      const step = pickNext(rest, clock.now())
      if (step.kind !== 'card') break
      ids.push(step.card.cardId)
      rest = withoutCard(rest, step.card.cardId)
    }
    for (const id of prefetched.keys()) if (!ids.includes(id)) prefetched.delete(id)
    const missing = ids.filter((id) => !prefetched.has(id))
    if (missing.length === 0) return
    void loadCardsForStudy(getDb(), missing).then((rows) => {
      for (const row of rows) prefetched.set(row.card.id, row)
      for (const listener of prefetchListeners) listener(rows.map((r) => r.card))
    })
  }

  /** Told of the cards read ahead (the review screen prepares how they look). */
  const prefetchListeners = new Set<(cards: CardRow[]) => void>()
  function onPrefetch(listener: (cards: CardRow[]) => void): () => void {
    prefetchListeners.add(listener)
    return () => prefetchListeners.delete(listener)
  }

  /** The chosen cards in the given order, whatever their due dates and the day's limits. */
  async function loadChosen(ids: string[]) {
    dayEndMs = nextRolloverMs(clock.now(), { rolloverHour: settingsStore.settings.rolloverHour, timeZone: clock.timeZone() })
    const rows = await getDb().schedules.bulkGet(ids)
    const main = rows
      .filter((s): s is ScheduleRow => !!s && !s.suspended && !s.retired)
      .map(({ cardId, deckId: deck, state, due, position }) => ({ cardId, deckId: deck, state, due, position }))
    queue.value = { learning: [], main }
  }

  function withoutCard(q: StudyQueue, cardId: string): StudyQueue {
    return { learning: q.learning.filter((c) => c.cardId !== cardId), main: q.main.filter((c) => c.cardId !== cardId) }
  }

  /** Practice: nothing is written; a card graded Again comes back at the end of the list. */
  async function practiceAnswer(shown: CurrentCard, g: GradeValue, now: number) {
    answered.value++
    if (g === 1) againCount.value++
    timeSpentMs.value += Math.min(MAX_ANSWER_MS, Math.max(0, now - shownAt.value))
    const rest = withoutCard(queue.value, shown.schedule.cardId)
    const { cardId, deckId: deck, state, due, position } = shown.schedule
    queue.value = g === 1 ? { ...rest, main: [...rest.main, { cardId, deckId: deck, state, due, position }] } : rest
    await showNext()
  }

  /**
   * A session on chosen cards (final review, cards related to a mock interview), in that order.
   * With `practice`, the schedules and the review log are left untouched.
   */
  function startWith(cardIds: string[], options: { practice?: boolean } = {}) {
    return start(null, { cardIds, ...options })
  }

  function stop() {
    clearTimeout(waitTimer)
  }

  return {
    deckId, phase, current, shownAt, waitUntil, notice, undoStack, answered, againCount, timeSpentMs,
    nextDueMs, counts, picked, covered, notes, optionOrder, proposed, saveError,
    chosen, practice,
    start, startWith, showNext, reveal, grade, undo, stop, pick, toggleKeyPoint, onPrefetch,
  }
})
