// Realistic data for the benchmark: a learner simulated with ts-fsrs over many days (fixed seed).
import type { CardRow, DeckRow, ReviewRow, ScheduleRow } from '../../src/db/database'
import { contentHash } from '../../src/domain/content/hash'
import { createScheduler } from '../../src/domain/scheduling/scheduler'
import { CardState, memoryOf, newMemoryState, type GradeValue } from '../../src/domain/scheduling/schedule'
import { DEFAULT_SETTINGS } from '../../src/domain/settings'
import { seededRandom } from '../../src/domain/seeded-random'

export interface GeneratedData {
  deck: DeckRow
  cards: CardRow[]
  schedules: ScheduleRow[]
  reviews: ReviewRow[]
}

export interface GenerateOptions {
  cards: number
  days: number
  newPerDay: number
  /** The simulation ends here: the last study day is the day before. */
  endMs: number
  seed: number
}

const DAY = 86_400_000

/** The seeded generator; a seed of 0 counts as 1, as the bench's histories always did. */
const random = (seed: number) => seededRandom(seed >>> 0 || 1)

export function generateData(opts: GenerateOptions): GeneratedData {
  const rand = random(opts.seed)
  const deckId = 'bench'
  const start = opts.endMs - opts.days * DAY
  const deck: DeckRow = { id: deckId, title: 'Benchmark', origin: 'user', contentHash: '', position: 99, retired: false }
  const cards: CardRow[] = []
  const schedules: ScheduleRow[] = []
  for (let i = 0; i < opts.cards; i++) {
    const id = `bench-${i}`
    const content = { id, kind: 'basic' as const, source: 'role', tags: [], front: `Question ${i} ?`, back: `Réponse ${i}.` }
    cards.push({ id, deckId, entryId: id, ord: 0, source: 'role', tags: [], position: i, hash: contentHash(content), content, origin: 'user', retired: false })
    schedules.push({ ...newMemoryState(start), cardId: id, deckId, position: i, suspended: false, buriedUntilDay: 0, retired: false, version: 1 })
  }
  const reviews = simulateLearner(schedules, { ...opts, start }, rand)
  return { deck, cards, schedules, reviews }
}

export interface SimulateOptions {
  days: number
  newPerDay: number
  /** The first study day starts here. */
  start: number
  seed: number
}

/**
 * A learner who studies every morning: the due cards, then `newPerDay` new ones in position order,
 * graded at random by their recall probability. Updates `schedules` in place; returns the log.
 */
export function simulateLearner(schedules: ScheduleRow[], opts: SimulateOptions, rand = random(opts.seed)): ReviewRow[] {
  const scheduler = createScheduler(DEFAULT_SETTINGS, { fuzz: true })
  const reviews: ReviewRow[] = []
  let introduced = 0
  let reviewId = 0
  for (let day = 0; day < opts.days; day++) {
    // The learner studies at about 8 a.m., with some spread.
    let t = opts.start + day * DAY + 8 * 3_600_000 + Math.floor(rand() * 3_600_000)
    const dayEnd = opts.start + (day + 1) * DAY
    const todays = schedules.filter((s) => s.state !== CardState.New && s.due < dayEnd - 12 * 3_600_000)
    for (let n = 0; n < opts.newPerDay && introduced < schedules.length; n++) todays.push(schedules[introduced++]!)
    const queue = [...todays]
    while (queue.length > 0) {
      const s = queue.shift()!
      const now = Math.max(t, s.state === CardState.Learning || s.state === CardState.Relearning ? s.due : t)
      const r = s.state === CardState.New ? 0.6 : scheduler.retrievability(s, s.cardId, now)
      const x = rand()
      const grade: GradeValue = x > r ? 1 : x > r * 0.85 ? 2 : x < r * 0.1 ? 4 : 3
      const outcome = scheduler.answer(memoryOf(s), s.cardId, grade, now)
      const before = { ...s }
      Object.assign(s, outcome.next, { version: s.version + 1 })
      const durationMs = 2000 + Math.floor(rand() * 12_000)
      reviews.push({
        id: `r-${opts.seed}-${reviewId++}`,
        cardId: s.cardId,
        deckId: s.deckId,
        grade,
        reviewedAt: now,
        durationMs,
        before,
        after: outcome.next,
        afterVersion: s.version,
      })
      t = now + durationMs
      if ((s.state === CardState.Learning || s.state === CardState.Relearning) && s.due < dayEnd - 12 * 3_600_000) queue.push(s)
    }
  }
  return reviews
}
