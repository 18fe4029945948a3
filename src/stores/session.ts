// A review session: today's queue, the card on screen with its four previews, answers, actions on
// the card and undo. Its parts: the cards read ahead (study/read-ahead.ts), the answers being
// written (study/answer-writes.ts), the actions' transactions (db/card-actions.ts, lazy).
import { defineStore } from 'pinia'
import { computed, ref, shallowRef } from 'vue'
import { getDb, type CardRow, type ScheduleRow } from '../db/database'
import type { CardAction, CardActionRecord } from '../db/card-actions'
import { heldBackFor, loadStudyContext, queueFor } from '../db/study-context'
import {
  answerCard,
  loadCardForStudy,
  planAnswer,
  nextDueAfter,
  NothingToUndoError,
  StaleCardError,
  undoReview,
} from '../db/study-repository'
import {
  afterAnswer,
  learningHorizonMs,
  pickNext,
  queueCounts,
  restoreCard,
  withoutCard,
  type HeldBack,
  type StudyQueue,
} from '../domain/queue/build-queue'
import { memoryOf, type GradeValue } from '../domain/scheduling/schedule'
import { proposeChoiceGrade, proposeInterviewGrade, shuffledOrder } from '../domain/content/grading'
import type { LocalizedText } from '../domain/content/localized'
import type { Previews } from '../domain/scheduling/scheduler'
import { afterPaint } from '../composables/after-paint'
import { clock } from '../composables/clock'
import { dayIndex, nextRolloverMs } from '../domain/time/study-day'
import { useSettingsStore } from './settings'
import { requestPersistentStorage } from '../pwa/storage'
import { createAnswerWrites } from './study/answer-writes'
import { createReadAhead } from './study/read-ahead'

export type Phase = 'loading' | 'question' | 'answer' | 'wait' | 'done'

export interface CurrentCard {
  card: CardRow
  schedule: ScheduleRow
  /** The four grades' next intervals: computed once the card is painted, or at the latest on reveal. */
  previews: Previews | null
}

/** What undo walks back, newest last: an answer, or an action on a card (flag, suspend…). */
export type UndoEntry =
  | { kind: 'review'; reviewId: string; grade: GradeValue; durationMs: number }
  | { kind: 'action'; record: CardActionRecord }

/** Time on one card is capped, as Anki does, so a card left on screen does not skew the stats. */
export const MAX_ANSWER_MS = 60_000

export const useSessionStore = defineStore('session', () => {
  const settingsStore = useSettingsStore()
  const readAhead = createReadAhead()
  const writes = createAnswerWrites()

  /** Deck being studied, or null for all decks. */
  const deckId = ref<string | null>(null)
  const phase = ref<Phase>('loading')
  const queue = shallowRef<StudyQueue>({ learning: [], main: [] })
  const current = shallowRef<CurrentCard | null>(null)
  /** When the card on screen was shown, and when its answer was (ms): the guard and time spent. */
  const shownAt = ref(0)
  const revealedAt = ref(0)
  /** True while the card or answer on screen is younger than the double-tap guard. */
  const guarded = ref(false)
  let guardTimer: ReturnType<typeof setTimeout> | undefined
  /** Due time of the next learning card while waiting for it. */
  const waitUntil = ref<number | null>(null)
  /** i18n key of a notice to show (stale card, undo). */
  const notice = ref<string | null>(null)
  /** Why the last answer could not be written (with the notice 'review.saveFailed'). */
  const saveError = ref<string | null>(null)
  const undoStack = ref<UndoEntry[]>([])
  const answered = ref(0)
  const againCount = ref(0)
  const timeSpentMs = ref(0)
  const nextDueMs = ref<number | null>(null)
  /** The last answer of this session, shown where the grade was tapped: what it did. */
  const lastAnswer = ref<{ grade: GradeValue; intervalMs: number } | null>(null)
  /** Cards that today's limits keep out of this session (shown when it runs out). */
  const held = ref<HeldBack>({ new: 0, review: 0 })
  /** What custom study added to today's limits. */
  const extraToday = ref({ newCards: 0, reviews: 0 })
  /** Deck titles, to name the deck of the card on screen. */
  const deckTitles = shallowRef<ReadonlyMap<string, LocalizedText>>(new Map())
  /** Cards chosen elsewhere (final review, custom study), or null for today's queue. */
  const chosen = ref<string[] | null>(null)
  /** Practice: answers are neither written nor logged, schedules stay as they are. */
  const practice = ref(false)
  let dayEndMs = 0
  let busy = false
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
      // Shown without a pick: not knowing is a lapse.
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

  /**
   * Starts the double-tap guard for what was just put on screen (a card, or its answer). Taps
   * and keys in it are ignored: the second tap of a double tap lands on the next screen.
   */
  function startGuard(atMs: number) {
    clearTimeout(guardTimer)
    const ms = settingsStore.settings.answerGuardMs
    if (ms <= 0) {
      guarded.value = false
      return
    }
    guarded.value = true
    guardTimer = setTimeout(() => (guarded.value = false), Math.max(0, atMs + ms - clock.now()))
  }

  /** A tap or key that comes within the guard time of what it acts on. */
  function tooSoon(): boolean {
    const since = phase.value === 'answer' ? revealedAt.value : shownAt.value
    return clock.now() - since < settingsStore.settings.answerGuardMs
  }

  function showAnswer() {
    withPreviews()
    revealedAt.value = clock.now()
    phase.value = 'answer'
    startGuard(revealedAt.value)
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
    held.value = heldBackFor(ctx, settingsStore.settings, deckId.value)
    extraToday.value = ctx.extra
    performance.measure('queue-build', { start: started, end: performance.now() })
  }

  async function loadDeckTitles() {
    // Every deck, hidden ones too: a chosen session may hold their cards.
    deckTitles.value = new Map((await getDb().decks.toArray()).map((d) => [d.id, d.title]))
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
    answered.value = 0
    againCount.value = 0
    timeSpentMs.value = 0
    lastAnswer.value = null
    held.value = { new: 0, review: 0 }
    await Promise.all([rebuildQueue(), settingsStore.loadScheduler(), loadDeckTitles()])
    await showNext()
  }

  function putOnScreen(loaded: { card: CardRow; schedule: ScheduleRow }, now: number) {
    current.value = { ...loaded, previews: null }
    resetInteraction()
    shownAt.value = now
    waitUntil.value = null
    phase.value = 'question'
    startGuard(now)
  }

  async function showNext(studyAhead = false) {
    clearTimeout(waitTimer)
    let now = clock.now()
    // A session that crosses the rollover starts the new day: its reviews, its limits.
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
    current.value = { ...c, previews: settingsStore.scheduler.preview(memoryOf(c.schedule), c.schedule.cardId, shownAt.value) }
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
    countAnswer(g, review.durationMs, 1)
    lastAnswer.value = { grade: g, intervalMs: Math.max(0, schedule.due - now) }
    if (leech) notice.value = settingsStore.settings.leechAction === 'suspend' ? 'review.leech.suspended' : 'review.leech.tagged'
    readAhead.drop(cardId)
    // A card the answer suspended (a new leech) leaves the queue instead of coming back today.
    queue.value = afterAnswer(queue.value, schedule, schedule.suspended ? -Infinity : learningHorizonMs(now, dayEndMs))
    // The next card (read ahead) is set synchronously, so its render is queued before the
    // transaction's own first steps.
    shownNext = showNext()
    startWrite()
    await shownNext
  }

  /** The session's counters for one answer (sign 1) or one taken back (sign -1). */
  function countAnswer(g: GradeValue, durationMs: number, sign: 1 | -1) {
    answered.value += sign
    if (g === 1) againCount.value += sign
    timeSpentMs.value += sign * durationMs
  }

  /**
   * The write of an answer failed: nothing of it was saved. It leaves the undo stack and the
   * counters; the card comes back next (or, changed elsewhere, the queue is read again). The card
   * on screen, if any, stays.
   */
  async function takeBack(shown: CurrentCard, g: GradeValue, review: { id: string; durationMs: number }, error: unknown) {
    undoStack.value = undoStack.value.filter((u) => u.kind !== 'review' || u.reviewId !== review.id)
    countAnswer(g, review.durationMs, -1)
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
      let restored: ScheduleRow
      if (last.kind === 'review') {
        restored = await undoReview(getDb(), last.reviewId, settingsStore.settings)
        countAnswer(last.grade, last.durationMs, -1)
      } else {
        const { undoCardAction } = await import('../db/card-actions')
        restored = await undoCardAction(getDb(), last.record)
      }
      undoStack.value = undoStack.value.slice(0, -1)
      queue.value = restoreCard(queue.value, restored)
      const loaded = await loadCardForStudy(getDb(), restored.cardId)
      if (loaded) {
        putOnScreen(loaded, clock.now())
        withPreviews()
      }
      notice.value = last.kind === 'review' ? 'review.undone' : 'review.actions.undone'
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
      notice.value = `review.actions.done.${action.kind}`
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

  /** The chosen cards in the given order, whatever their due dates and the day's limits. */
  async function loadChosen(ids: string[]) {
    dayEndMs = nextRolloverMs(clock.now(), { rolloverHour: settingsStore.settings.rolloverHour, timeZone: clock.timeZone() })
    const rows = await getDb().schedules.bulkGet(ids)
    const main = rows
      .filter((s): s is ScheduleRow => !!s && !s.suspended && !s.retired)
      .map(({ cardId, deckId: deck, state, due, position }) => ({ cardId, deckId: deck, state, due, position }))
    queue.value = { learning: [], main }
  }

  /** Practice: nothing is written; a card graded Again comes back at the end of the list. */
  async function practiceAnswer(shown: CurrentCard, g: GradeValue, now: number) {
    countAnswer(g, Math.min(MAX_ANSWER_MS, Math.max(0, now - shownAt.value)), 1)
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
    clearTimeout(guardTimer)
  }

  return {
    deckId, phase, current, shownAt, waitUntil, notice, undoStack, answered, againCount, timeSpentMs,
    nextDueMs, counts, picked, covered, notes, optionOrder, proposed, saveError, guarded, lastAnswer,
    held, extraToday, deckTitles, chosen, practice,
    start, startWith, showNext, reveal, grade, undo, act, stop, pick, toggleKeyPoint, onPrefetch: readAhead.onPrefetch,
  }
})
