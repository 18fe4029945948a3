// Schedule facts: every field of a schedule row the card figures read, column-wise and in card-id
// order (the order the schedules table returns rows in), folded through card-totals.ts's accumulator.
import type { CardState } from '../scheduling/schedule'
import type { DayClock } from '../time/study-day'
import { createCardAccumulator, type CardTotals, type RetrievabilityFn, type ScheduledCard } from './card-totals'

const SUSPENDED = 1
const RETIRED = 2
const HAS_LAST_REVIEW = 4

const NUMBER_FIELDS = [
  'due',
  'stability',
  'difficulty',
  'elapsedDays',
  'scheduledDays',
  'learningSteps',
  'reps',
  'lapses',
  'buriedUntilDay',
] as const satisfies ReadonlyArray<keyof ScheduledCard>
type NumberField = (typeof NUMBER_FIELDS)[number]

export interface ScheduleFacts {
  /** Sorted as IndexedDB sorts string keys (UTF-16 code units, as `<` does). */
  cardIds: string[]
  deckIds: string[]
  deck: Uint32Array
  numbers: Record<NumberField, Float64Array>
  state: Uint8Array
  /** lastReview (0 when null, see flags). */
  lastReview: Float64Array
  flags: Uint8Array
}

const byKey = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0)

/** The facts of schedule rows (sorted by card id here; the rows may come in any order). */
export function scheduleFactsOf(rows: readonly ScheduledCard[]): ScheduleFacts {
  const sorted = [...rows].sort((a, b) => byKey(a.cardId, b.cardId))
  const n = sorted.length
  const out: ScheduleFacts = {
    cardIds: new Array<string>(n),
    deckIds: [],
    deck: new Uint32Array(n),
    numbers: Object.fromEntries(NUMBER_FIELDS.map((k) => [k, new Float64Array(n)])) as Record<NumberField, Float64Array>,
    state: new Uint8Array(n),
    lastReview: new Float64Array(n),
    flags: new Uint8Array(n),
  }
  sorted.forEach((s, i) => writeRow(out, i, s))
  return out
}

/** Writes a row's fields at index i (its deck joins deckIds if new). */
function writeRow(out: ScheduleFacts, i: number, s: ScheduledCard) {
  out.cardIds[i] = s.cardId
  let d = out.deckIds.indexOf(s.deckId)
  if (d === -1) d = out.deckIds.push(s.deckId) - 1
  out.deck[i] = d
  for (const k of NUMBER_FIELDS) out.numbers[k][i] = s[k]
  out.state[i] = s.state
  out.lastReview[i] = s.lastReview ?? 0
  out.flags[i] = (s.suspended ? SUSPENDED : 0) | (s.retired ? RETIRED : 0) | (s.lastReview !== null ? HAS_LAST_REVIEW : 0)
}

/** Writes the row at index i into `card`, as the card accumulator reads it. */
function fillScheduledCard(f: ScheduleFacts, i: number, card: ScheduledCard): ScheduledCard {
  const flags = f.flags[i]!
  const n = f.numbers
  card.cardId = f.cardIds[i]!
  card.deckId = f.deckIds[f.deck[i]!]!
  card.due = n.due[i]!
  card.stability = n.stability[i]!
  card.difficulty = n.difficulty[i]!
  card.elapsedDays = n.elapsedDays[i]!
  card.scheduledDays = n.scheduledDays[i]!
  card.learningSteps = n.learningSteps[i]!
  card.reps = n.reps[i]!
  card.lapses = n.lapses[i]!
  card.state = f.state[i] as CardState
  card.lastReview = flags & HAS_LAST_REVIEW ? f.lastReview[i]! : null
  card.suspended = (flags & SUSPENDED) !== 0
  card.buriedUntilDay = n.buriedUntilDay[i]!
  card.retired = (flags & RETIRED) !== 0
  return card
}

/** The row at index i, as the card accumulator reads it. */
export function scheduledCardAt(f: ScheduleFacts, i: number): ScheduledCard {
  return fillScheduledCard(f, i, {} as ScheduledCard)
}

export function scheduleCount(f: ScheduleFacts): number {
  return f.cardIds.length
}

/**
 * The facts after some cards changed: `changed` maps a card id to its row now, or to undefined when
 * the row is gone. Cards not in `changed` keep their facts.
 */
export function updateScheduleFacts(f: ScheduleFacts, changed: ReadonlyMap<string, ScheduledCard | undefined>): ScheduleFacts {
  if (changed.size === 0) return f
  const index = new Map(f.cardIds.map((id, i) => [id, i]))
  const rows = [...changed]
  if (rows.some(([id, row]) => row === undefined || !index.has(id))) {
    // Cards came or went: rebuilt, in card-id order.
    const kept: ScheduledCard[] = []
    for (let i = 0; i < f.cardIds.length; i++) if (!changed.has(f.cardIds[i]!)) kept.push(scheduledCardAt(f, i))
    for (const [, row] of rows) if (row) kept.push(row)
    return scheduleFactsOf(kept)
  }
  // The same cards: a copy with the changed ones written over.
  const out: ScheduleFacts = {
    cardIds: [...f.cardIds],
    deckIds: [...f.deckIds],
    deck: f.deck.slice(),
    numbers: Object.fromEntries(NUMBER_FIELDS.map((k) => [k, f.numbers[k].slice()])) as Record<NumberField, Float64Array>,
    state: f.state.slice(),
    lastReview: f.lastReview.slice(),
    flags: f.flags.slice(),
  }
  for (const [id, row] of rows) writeRow(out, index.get(id)!, row!)
  return out
}

/** Per-deck card totals of every schedule, in card-id order (as a read of the table would fold them). */
export function foldScheduleFacts(f: ScheduleFacts, nowMs: number, clock: DayClock, retrievability: RetrievabilityFn): Map<string, CardTotals> {
  const acc = createCardAccumulator(nowMs, clock, retrievability)
  // One object refilled for each card: the accumulator and the scheduler only read it.
  const card = {} as ScheduledCard
  for (let i = 0; i < f.cardIds.length; i++) acc.add(fillScheduledCard(f, i, card))
  return acc.byDeck()
}
