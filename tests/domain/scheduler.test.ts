import { describe, expect, it } from 'vitest'
import { createScheduler } from '../../src/domain/scheduling/scheduler'
import { CardState, newMemoryState, type MemoryState } from '../../src/domain/scheduling/schedule'
import { DEFAULT_SETTINGS } from '../../src/domain/settings'
import { intervalLabel } from '../../src/domain/scheduling/format-interval'

const NOW = Date.parse('2026-11-26T09:00:00Z')
const MIN = 60_000
const DAY = 86_400_000

const plain = createScheduler(DEFAULT_SETTINGS, { fuzz: false })

function graduate(cardId: string, start = NOW): MemoryState {
  let s = newMemoryState(start)
  let t = start
  while (s.state !== CardState.Review) {
    s = plain.answer(s, cardId, 3, t).next
    t = s.due
  }
  return s
}

describe('scheduler (ts-fsrs wrapper)', () => {
  it('previews all four grades of a new card with the default learning steps (1m 10m)', () => {
    const p = plain.preview(newMemoryState(NOW), 'c1', NOW)
    expect(p[1].intervalMs).toBe(1 * MIN)
    expect(p[2].intervalMs).toBe(6 * MIN)
    expect(p[3].intervalMs).toBe(10 * MIN)
    expect(p[4].next.state).toBe(CardState.Review)
    expect(p[4].intervalMs).toBeGreaterThanOrEqual(DAY)
    expect(p[3].next.state).toBe(CardState.Learning)
  })

  it('previews exactly what the answer then gives', () => {
    const fuzzy = createScheduler(DEFAULT_SETTINGS, { fuzz: true })
    const s = graduate('card-a')
    const later = s.due + 3 * DAY
    const preview = fuzzy.preview(s, 'card-a', later)
    for (const g of [1, 2, 3, 4] as const) expect(fuzzy.answer(s, 'card-a', g, later)).toEqual(preview[g])
  })

  it('seeds fuzz by card id and review count: same card, same interval; other cards spread', () => {
    const fuzzy = createScheduler(DEFAULT_SETTINGS, { fuzz: true })
    const intervals = new Set<number>()
    for (let i = 0; i < 30; i++) {
      const id = `card-${i}`
      const s = graduate(id)
      const t = s.due + 20 * DAY
      const a = fuzzy.answer(s, id, 3, t).intervalMs
      expect(fuzzy.answer(s, id, 3, t).intervalMs).toBe(a)
      intervals.add(a)
    }
    expect(intervals.size).toBeGreaterThan(1)
  })

  it('gives longer intervals for higher grades on a review card', () => {
    const s = graduate('c2')
    const p = plain.preview(s, 'c2', s.due)
    expect(p[1].next.state).toBe(CardState.Relearning)
    expect(p[1].intervalMs).toBe(10 * MIN) // relearning step
    expect(p[2].intervalMs).toBeLessThanOrEqual(p[3].intervalMs)
    expect(p[3].intervalMs).toBeLessThan(p[4].intervalMs)
    expect(p[1].next.lapses).toBe(1)
  })

  it('asks for shorter intervals when the desired retention is higher', () => {
    const strict = createScheduler({ ...DEFAULT_SETTINGS, desiredRetention: 0.97 }, { fuzz: false })
    const lax = createScheduler({ ...DEFAULT_SETTINGS, desiredRetention: 0.8 }, { fuzz: false })
    const s = graduate('c3')
    expect(strict.answer(s, 'c3', 3, s.due).intervalMs).toBeLessThan(lax.answer(s, 'c3', 3, s.due).intervalMs)
  })

  it('caps intervals at the maximum interval', () => {
    const capped = createScheduler({ ...DEFAULT_SETTINGS, maximumIntervalDays: 5 }, { fuzz: false })
    let s = graduate('c4')
    for (let i = 0; i < 6; i++) s = capped.answer(s, 'c4', 4, s.due).next
    expect(s.scheduledDays).toBeLessThanOrEqual(5)
  })

  it('follows custom learning steps', () => {
    const custom = createScheduler({ ...DEFAULT_SETTINGS, learningSteps: ['2m', '30m', '2h'] }, { fuzz: false })
    const p = custom.preview(newMemoryState(NOW), 'c5', NOW)
    expect(p[1].intervalMs).toBe(2 * MIN)
    expect(p[3].intervalMs).toBe(30 * MIN)
  })

  it('reports retrievability: 0 for new cards, near the retention target when due', () => {
    expect(plain.retrievability(newMemoryState(NOW), 'c6', NOW)).toBe(0)
    const s = graduate('c6')
    const r = plain.retrievability(s, 'c6', s.due)
    expect(r).toBeGreaterThan(0.85)
    expect(r).toBeLessThanOrEqual(1)
    expect(plain.retrievability(s, 'c6', s.due + 365 * DAY)).toBeLessThan(r)
  })

  it('gives exactly what ts-fsrs gives for retrievability, over many memory states and instants', async () => {
    const { fsrs } = await import('ts-fsrs')
    const engine = fsrs({ request_retention: DEFAULT_SETTINGS.desiredRetention, maximum_interval: DEFAULT_SETTINGS.maximumIntervalDays, enable_fuzz: false })
    let seed = 7
    const random = () => ((seed = (seed * 16807) % 2147483647) / 2147483647)
    for (let i = 0; i < 2000; i++) {
      const lastReview = NOW - Math.floor(random() * 900 * DAY)
      const state: MemoryState = {
        ...newMemoryState(NOW),
        state: (1 + Math.floor(random() * 3)) as MemoryState['state'],
        stability: random() * 400 + 0.01,
        difficulty: 1 + random() * 9,
        lastReview,
        due: lastReview + Math.floor(random() * 200 * DAY),
        reps: 1 + Math.floor(random() * 20),
      }
      // Now: before the last review (a clock set back), the same minute, hours or years later.
      const at = lastReview + Math.floor((random() * 2 - 0.2) * 800 * DAY) * (i % 3 === 0 ? 1 / 1440 : 1)
      const card = { due: new Date(state.due), stability: state.stability, difficulty: state.difficulty, elapsed_days: 0, scheduled_days: 0, learning_steps: 0, reps: state.reps, lapses: 0, state: state.state as number, last_review: new Date(lastReview) }
      expect(plain.retrievability(state, 'c', at), `${i}`).toBe(engine.get_retrievability(card, new Date(at), false))
    }
  })

  it('forgets a card back to new', () => {
    const s = graduate('c7')
    expect(plain.forget(s, 'c7', s.due).state).toBe(CardState.New)
  })
})

describe('interval labels', () => {
  it('labels minutes, hours, days, months and years', () => {
    expect(intervalLabel(30_000)).toEqual({ unit: 'minute', value: 1 })
    expect(intervalLabel(10 * MIN)).toEqual({ unit: 'minute', value: 10 })
    expect(intervalLabel(3 * 3_600_000)).toEqual({ unit: 'hour', value: 3 })
    expect(intervalLabel(4 * DAY)).toEqual({ unit: 'day', value: 4 })
    expect(intervalLabel(45 * DAY)).toEqual({ unit: 'month', value: 1.5 })
    expect(intervalLabel(730 * DAY)).toEqual({ unit: 'year', value: 2 })
    expect(intervalLabel(-5)).toEqual({ unit: 'minute', value: 1 })
  })
})
