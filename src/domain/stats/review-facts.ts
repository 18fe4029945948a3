// Review facts: the few fields of a review the statistics read, column-wise, and their fold into the
// same per-deck daily counters as review-days.ts (whose `add` is the specification this mirrors).
import type { CardState, GradeValue } from '../scheduling/schedule'
import { dayIndex, dayStartMs, type DayClock } from '../time/study-day'
import { createDayGrid } from './day-grid'
import { emptyReviewDays, FIELD, FIELDS, WINDOW_DAYS, type LoggedReview, type ReviewDays } from './review-days'
import { buttonGroupIndex, isMature, reviewKindIndex } from './review-kind'

/**
 * Reviews in log order (reviewedAt, then id), one typed array a field: a few thousand reviews clone
 * as a handful of buffers instead of thousands of objects. No card id: "cards answered today" is read
 * from today's reviews (see foldReviewFacts).
 */
export interface ReviewFacts {
  /** The decks of these reviews, in order of first appearance; `deck` indexes into it. */
  deckIds: string[]
  deck: Uint16Array
  reviewedAt: Float64Array
  durationMs: Float64Array
  grade: Uint8Array
  /** The card's state and interval before the answer. */
  stateBefore: Uint8Array
  scheduledDaysBefore: Float64Array
  /**
   * The cards of these reviews, as `deckIds`/`deck`: what the FSRS optimiser needs besides the
   * above (src/db/optimizer-idb.ts). Absent in chunks cached before it was added: the optimiser
   * then reads the log itself.
   */
  cardIds?: string[]
  card?: Uint32Array
}

/** What "cards answered today" needs of a review. */
export type ReviewCardRef = Pick<LoggedReview, 'cardId' | 'deckId' | 'reviewedAt'>

export function factsLength(f: ReviewFacts): number {
  return f.reviewedAt.length
}

function allocate(n: number, deckIds: string[], withCards = true): ReviewFacts {
  return {
    ...(withCards ? { cardIds: [] as string[], card: new Uint32Array(n) } : {}),
    deckIds,
    deck: new Uint16Array(n),
    reviewedAt: new Float64Array(n),
    durationMs: new Float64Array(n),
    grade: new Uint8Array(n),
    stateBefore: new Uint8Array(n),
    scheduledDaysBefore: new Float64Array(n),
  }
}

/** The facts of log rows, in the order given. */
export function reviewFactsOf(reviews: readonly LoggedReview[]): ReviewFacts {
  const deckIndex = new Map<string, number>()
  const cardIndex = new Map<string, number>()
  const out = allocate(reviews.length, [])
  reviews.forEach((r, i) => {
    let c = cardIndex.get(r.cardId)
    if (c === undefined) {
      c = out.cardIds!.length
      cardIndex.set(r.cardId, c)
      out.cardIds!.push(r.cardId)
    }
    out.card![i] = c
    let d = deckIndex.get(r.deckId)
    if (d === undefined) {
      d = out.deckIds.length
      deckIndex.set(r.deckId, d)
      out.deckIds.push(r.deckId)
    }
    out.deck[i] = d
    out.reviewedAt[i] = r.reviewedAt
    out.durationMs[i] = r.durationMs
    out.grade[i] = r.grade
    out.stateBefore[i] = r.before.state
    out.scheduledDaysBefore[i] = r.before.scheduledDays
  })
  return out
}

/** Reviews from..to (exclusive) of several parts laid end to end, as one (decks re-indexed). */
export function joinReviewFacts(parts: readonly ReviewFacts[], from = 0, to = parts.reduce((n, p) => n + factsLength(p), 0)): ReviewFacts {
  const withCards = parts.every((p) => p.card !== undefined && p.cardIds !== undefined)
  const out = allocate(to - from, [], withCards)
  const deckIndex = new Map<string, number>()
  const cardIndex = new Map<string, number>()
  let offset = 0
  let j = 0
  for (const p of parts) {
    const n = factsLength(p)
    const start = Math.max(from - offset, 0)
    const end = Math.min(to - offset, n)
    const remap = p.deckIds.map(() => -1)
    const cardRemap = withCards ? p.cardIds!.map(() => -1) : []
    for (let i = start; i < end; i++, j++) {
      if (withCards) {
        const localCard = p.card![i]!
        if (cardRemap[localCard] === -1) {
          const id = p.cardIds![localCard]!
          let c = cardIndex.get(id)
          if (c === undefined) {
            c = out.cardIds!.length
            cardIndex.set(id, c)
            out.cardIds!.push(id)
          }
          cardRemap[localCard] = c
        }
        out.card![j] = cardRemap[localCard]!
      }
      const local = p.deck[i]!
      if (remap[local] === -1) {
        const id = p.deckIds[local]!
        let d = deckIndex.get(id)
        if (d === undefined) {
          d = out.deckIds.length
          deckIndex.set(id, d)
          out.deckIds.push(id)
        }
        remap[local] = d
      }
      out.deck[j] = remap[local]!
      out.reviewedAt[j] = p.reviewedAt[i]!
      out.durationMs[j] = p.durationMs[i]!
      out.grade[j] = p.grade[i]!
      out.stateBefore[j] = p.stateBefore[i]!
      out.scheduledDaysBefore[j] = p.scheduledDaysBefore[i]!
    }
    offset += n
  }
  return out
}

/**
 * Cuts time-ordered facts into chunks of about `size` reviews. A cut never falls between two reviews
 * of the same millisecond, so "every review up to the end of a chunk" is a time range of the log.
 */
export function chunkReviewFacts(f: ReviewFacts, size: number): ReviewFacts[] {
  const n = factsLength(f)
  const chunks: ReviewFacts[] = []
  let start = 0
  while (start < n) {
    let end = Math.min(start + size, n)
    while (end < n && f.reviewedAt[end] === f.reviewedAt[end - 1]) end++
    chunks.push(joinReviewFacts([f], start, end))
    start = end
  }
  return chunks
}

/** The first instant of today's study day: only reviews from there on can count as "today". */
export function todayStartMs(nowMs: number, clock: DayClock): number {
  return dayStartMs(dayIndex(nowMs, clock), clock)
}

/** Adds review i of f to the FIELDS counters at row[base...]: createReviewAccumulator's `add`. */
function countReview(row: Float64Array, base: number, f: ReviewFacts, i: number) {
  const state = f.stateBefore[i] as CardState
  const scheduledDays = f.scheduledDaysBefore[i]!
  const g = f.grade[i]! as GradeValue
  const kind = reviewKindIndex(state)
  const spent = f.durationMs[i]!
  row[base + FIELD.count + kind]! += 1
  row[base + FIELD.timeMs + kind]! += spent > 0 ? spent : 0
  const again = g === 1
  if (again) row[base + FIELD.again]! += 1
  if (state === 2) {
    const mature = isMature(scheduledDays)
    row[base + (mature ? (again ? FIELD.matureFail : FIELD.maturePass) : again ? FIELD.youngFail : FIELD.youngPass)]! += 1
  }
  row[base + FIELD.buttons + buttonGroupIndex(state, scheduledDays) * 4 + g - 1]! += 1
}

export interface FoldedReviewFacts {
  today: number
  byDeck: Map<string, ReviewDays>
}

/** Per-deck figures filled as reviews come: the map, and the figures of one deck (created empty). */
function perDeck(today: number) {
  const byDeck = new Map<string, ReviewDays>()
  const deckDays = (deckId: string) => {
    let d = byDeck.get(deckId)
    if (!d) {
      d = emptyReviewDays(today)
      byDeck.set(deckId, d)
    }
    return d
  }
  return { byDeck, deckDays }
}

/**
 * Folds facts (in log order) exactly as createReviewAccumulator's `add` folds the rows they come from,
 * so the counters are the same numbers. Cards answered today come from `todayReviews`: every review
 * of the facts with reviewedAt >= todayStartMs (rows outside today are ignored, as `add` does).
 */
export function foldReviewFacts(
  parts: Iterable<ReviewFacts>,
  todayReviews: Iterable<ReviewCardRef>,
  nowMs: number,
  clock: DayClock,
): FoldedReviewFacts {
  const today = dayIndex(nowMs, clock)
  const window = createDayGrid(today - WINDOW_DAYS + 1, today, clock)
  const { byDeck, deckDays } = perDeck(today)

  for (const f of parts) {
    const decks: Array<ReviewDays | undefined> = f.deckIds.map(() => undefined)
    const { deck, reviewedAt } = f
    for (let i = 0; i < reviewedAt.length; i++) {
      const local = deck[i]!
      const d = (decks[local] ??= deckDays(f.deckIds[local]!))
      const day = window.dayOf(reviewedAt[i]!)
      const offset = day - d.firstDay
      if (offset >= 0 && day <= today) countReview(d.rows, offset * FIELDS, f, i)
      else {
        countReview(d.outside, 0, f, i)
        d.studyDaysOutside.add(day)
      }
    }
  }

  for (const r of todayReviews) {
    if (window.dayOf(r.reviewedAt) === today) deckDays(r.deckId).cardsToday.add(r.cardId)
  }
  return { today, byDeck }
}

/** The clock day cells were counted with: they hold for that clock only. */
export function clockKey(clock: DayClock): string {
  return `${clock.timeZone}|${clock.rolloverHour}`
}

/**
 * The counters of some reviews summed per deck and study day (one cell for each pair with reviews),
 * for one clock. Folding cells instead of reviews gives the same numbers because every counter is a
 * sum of integers (counts, and durations in whole ms), exact in any grouping.
 */
export interface ReviewDayCells {
  clock: string
  deckIds: string[]
  deck: Uint16Array
  day: Float64Array
  /** FIELDS counters a cell, laid out as ReviewDays rows. */
  counters: Float64Array
}

/** The day cells of some facts; null when a duration is not a whole number (sums would then depend on their grouping). */
export function reviewDayCells(f: ReviewFacts, clock: DayClock): ReviewDayCells | null {
  const n = factsLength(f)
  for (let i = 0; i < n; i++) if (!Number.isInteger(f.durationMs[i]!)) return null
  const grid = n > 0 ? createDayGrid(dayIndex(f.reviewedAt[0]!, clock), dayIndex(f.reviewedAt[n - 1]!, clock), clock) : null
  const cellOf = new Map<number, number>()
  const deck: number[] = []
  const day: number[] = []
  let counters = new Float64Array(64 * FIELDS)
  for (let i = 0; i < n; i++) {
    const d = grid!.dayOf(f.reviewedAt[i]!)
    const key = d * 65_536 + f.deck[i]!
    let cell = cellOf.get(key)
    if (cell === undefined) {
      cell = deck.length
      cellOf.set(key, cell)
      deck.push(f.deck[i]!)
      day.push(d)
      if ((cell + 1) * FIELDS > counters.length) {
        const grown = new Float64Array(counters.length * 2)
        grown.set(counters)
        counters = grown
      }
    }
    countReview(counters, cell * FIELDS, f, i)
  }
  return {
    clock: clockKey(clock),
    deckIds: [...f.deckIds],
    deck: Uint16Array.from(deck),
    day: Float64Array.from(day),
    counters: counters.slice(0, deck.length * FIELDS),
  }
}

/**
 * foldReviewFacts on day cells (all counted with this clock): the same per-deck counters, from a
 * few cells a day instead of every review. Cards answered today come from `todayReviews` as there.
 */
export function foldReviewDayCells(
  parts: Iterable<ReviewDayCells>,
  todayReviews: Iterable<ReviewCardRef>,
  nowMs: number,
  clock: DayClock,
): FoldedReviewFacts {
  const today = dayIndex(nowMs, clock)
  const key = clockKey(clock)
  const { byDeck, deckDays } = perDeck(today)
  for (const c of parts) {
    if (c.clock !== key) throw new Error('foldReviewDayCells: cells counted with another clock')
    for (let cell = 0; cell < c.day.length; cell++) {
      const d = deckDays(c.deckIds[c.deck[cell]!]!)
      const day = c.day[cell]!
      const offset = day - d.firstDay
      const from = cell * FIELDS
      if (offset >= 0 && day <= today) {
        const base = offset * FIELDS
        for (let k = 0; k < FIELDS; k++) d.rows[base + k]! += c.counters[from + k]!
      } else {
        for (let k = 0; k < FIELDS; k++) d.outside[k]! += c.counters[from + k]!
        d.studyDaysOutside.add(day)
      }
    }
  }
  // dayIndex is what the accumulator's day grid answers (day-grid.ts), without building the grid.
  for (const r of todayReviews) {
    if (dayIndex(r.reviewedAt, clock) === today) deckDays(r.deckId).cardsToday.add(r.cardId)
  }
  return { today, byDeck }
}
