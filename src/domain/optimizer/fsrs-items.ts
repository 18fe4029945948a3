// The review log as FSRS training items (fsrs-rs / Anki's conversion, written for our log): one item
// per review made at least one study day after the card's previous one, holding the card's history
// up to it, intervals in study days of the learner's clock (time zone, rollover; DST-safe).
import { CardState, type GradeValue } from '../scheduling/schedule'
import { dayIndex, type DayClock } from '../time/study-day'

/** What the conversion reads of a review. */
export interface ItemReview {
  id: string
  cardId: string
  grade: GradeValue
  reviewedAt: number
  /** The card's state before the answer: New on a card's first review, or its first after a reset. */
  before: { state: CardState }
}

/** fsrs-rs leaves out items longer than this (TrainingConfig::max_seq_len); so do we, and say so. */
export const MAX_ITEM_REVIEWS = 64

/** Reviews of the log that no item uses, by reason. */
export interface LeftOut {
  /** A grade other than 1-4, or no valid time (none, or before 2000). */
  invalid: number
  /** Dated after now: a clock that jumped ahead. */
  future: number
  /** Made before the card was reset to new (Browse's "reset", the card menu's "forget"). */
  beforeReset: number
  /** The card's history does not start when it was new (a partial log): its memory is unknown. */
  incomplete: number
  /** Cards never reviewed on two different study days: nothing to learn from yet. */
  singleDay: number
  /** After the card's last item: same-day steps that wait for the card's next review. */
  pending: number
  /** In items longer than MAX_ITEM_REVIEWS (hundreds of same-day reviews, say). */
  tooLong: number
}

export interface FsrsItems {
  /** All items laid end to end: rating and interval (study days) of each review of each item. */
  ratings: Uint32Array
  deltaDays: Uint32Array
  /** Reviews in each item. Items are in time order of their last review (fsrs-rs weighs recent ones more). */
  lengths: Uint32Array
  /** When each item's last review was made. */
  lastAt: Float64Array
  /** Reviews read, and those used by at least one item. */
  read: number
  used: number
  leftOut: LeftOut
}

export interface ConvertInput {
  reviews: readonly ItemReview[]
  /** Cards whose schedule is new now although they have reviews: reset since their last review. */
  resetCards: ReadonlySet<string>
  clock: DayClock
  nowMs: number
}

/** Earlier than this, a review's date is a broken clock, not a review (Anki itself dates from 2006). */
const EARLIEST_MS = Date.UTC(2000, 0, 1)

const isGrade = (g: unknown): g is GradeValue => g === 1 || g === 2 || g === 3 || g === 4
const byTime = (a: ItemReview, b: ItemReview) => a.reviewedAt - b.reviewedAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)

interface CardItems {
  /** The card's kept reviews as [rating, deltaDays]. */
  history: Array<[number, number]>
  /** For each item: its length (a prefix of history) and the time of its last review. */
  ends: Array<{ length: number; at: number }>
}

/** One card's reviews (valid, in time order) as items; counts what it leaves out. */
function cardItems(reviews: ItemReview[], reset: boolean, clock: DayClock, leftOut: LeftOut): CardItems | null {
  if (reset) {
    leftOut.beforeReset += reviews.length
    return null
  }
  // The last review made on a new card starts the history that counts: what came before was reset.
  let start = -1
  for (let i = reviews.length - 1; i >= 0; i--) {
    if (reviews[i]!.before.state === CardState.New) {
      start = i
      break
    }
  }
  if (start < 0) {
    leftOut.incomplete += reviews.length
    return null
  }
  leftOut.beforeReset += start
  const kept = reviews.slice(start)
  const history: Array<[number, number]> = []
  const ends: CardItems['ends'] = []
  let previousDay = 0
  kept.forEach((r, i) => {
    const day = dayIndex(r.reviewedAt, clock)
    const delta = i === 0 ? 0 : day - previousDay
    previousDay = day
    history.push([r.grade, delta])
    if (i > 0 && delta > 0 && history.length <= MAX_ITEM_REVIEWS) ends.push({ length: history.length, at: r.reviewedAt })
  })
  const last = ends.at(-1)?.length ?? 0
  // Reviews past the last item: in items too long to keep, or waiting for a later day.
  const wouldMakeItems = history.some(([, delta], i) => i >= MAX_ITEM_REVIEWS && delta > 0)
  const tail = kept.length - last
  if (wouldMakeItems) leftOut.tooLong += tail
  else if (last === 0) leftOut.singleDay += tail
  else leftOut.pending += tail
  if (last === 0) return null
  return { history: history.slice(0, last), ends }
}

/** The training items of a log, and what was left out and why. */
export function fsrsItems(input: ConvertInput): FsrsItems {
  const leftOut: LeftOut = { invalid: 0, future: 0, beforeReset: 0, incomplete: 0, singleDay: 0, pending: 0, tooLong: 0 }
  const byCard = new Map<string, ItemReview[]>()
  for (const r of input.reviews) {
    if (!isGrade(r.grade) || !Number.isFinite(r.reviewedAt) || r.reviewedAt < EARLIEST_MS || typeof r.cardId !== 'string' || typeof r.before?.state !== 'number') {
      leftOut.invalid++
    } else if (r.reviewedAt > input.nowMs) {
      leftOut.future++
    } else {
      const list = byCard.get(r.cardId)
      if (list) list.push(r)
      else byCard.set(r.cardId, [r])
    }
  }
  const cards: CardItems[] = []
  let used = 0
  for (const [cardId, reviews] of byCard) {
    reviews.sort(byTime)
    const c = cardItems(reviews, input.resetCards.has(cardId), input.clock, leftOut)
    if (!c) continue
    cards.push(c)
    used += c.history.length
  }
  return { ...layOut(cards), read: input.reviews.length, used, leftOut }
}

/** Items of every card, in time order of their last review, laid end to end. */
function layOut(cards: CardItems[]): Pick<FsrsItems, 'ratings' | 'deltaDays' | 'lengths' | 'lastAt'> {
  const refs: Array<{ card: CardItems; length: number; at: number }> = []
  for (const card of cards) for (const e of card.ends) refs.push({ card, length: e.length, at: e.at })
  refs.sort((a, b) => a.at - b.at)
  const total = refs.reduce((n, r) => n + r.length, 0)
  const ratings = new Uint32Array(total)
  const deltaDays = new Uint32Array(total)
  const lengths = new Uint32Array(refs.length)
  const lastAt = new Float64Array(refs.length)
  let k = 0
  refs.forEach((r, i) => {
    lengths[i] = r.length
    lastAt[i] = r.at
    for (let j = 0; j < r.length; j++, k++) {
      ratings[k] = r.card.history[j]![0]
      deltaDays[k] = r.card.history[j]![1]
    }
  })
  return { ratings, deltaDays, lengths, lastAt }
}

/** fsrs-rs fits only the first four weights under 64 items; Anki asks for 400 reviews. */
export const MIN_ITEMS = 64
export const MIN_REVIEWS = 400

/** Reviews still needed before fitting helps (0 when there are enough). */
export function reviewsNeeded(items: Pick<FsrsItems, 'used' | 'lengths'>): number {
  return Math.max(0, MIN_REVIEWS - items.used, MIN_ITEMS - items.lengths.length)
}
