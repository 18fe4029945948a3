// @vitest-environment happy-dom
// The review session store across the study day's rollover (04:00 local by default).
import { createPinia, setActivePinia } from 'pinia'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { clock } from '../../src/composables/clock'
import { getDb } from '../../src/db/database'
import { syncBuiltinDecks } from '../../src/db/deck-sync'
import { useSessionStore } from '../../src/stores/session'
import { useSettingsStore } from '../../src/stores/settings'
import { basicCard, deckOf } from '../db/helpers'

// 03:50 in Paris: ten minutes before the rollover.
const START = Date.parse('2026-11-27T02:50:00Z')
const MIN = 60_000
const real = { now: clock.now, timeZone: clock.timeZone }
let now = START

beforeAll(async () => {
  clock.now = () => now
  clock.timeZone = () => 'Europe/Paris'
  const cards = Array.from({ length: 6 }, (_, i) => basicCard('d1', `card-${i}`, `Q${i}`, `A${i}`, i))
  await syncBuiltinDecks(getDb(), [deckOf('d1', cards)], START - 1000)
})
afterAll(() => Object.assign(clock, real))
beforeEach(async () => {
  setActivePinia(createPinia())
  await useSettingsStore().load()
  // About answering, on a fixed clock: the double-tap guard has its own tests (ReviewSessionGuard).
  useSettingsStore().settings.answerGuardMs = 0
  await useSettingsStore().update({ newPerDay: 3 })
})

async function answer(g: 1 | 2 | 3 | 4) {
  const session = useSessionStore()
  session.reveal()
  await session.grade(g)
}

describe('a session that crosses the rollover', () => {
  it('keeps the cards failed before it and opens the new day\'s limits after it', async () => {
    const session = useSessionStore()
    await session.start(null)
    expect(session.counts).toEqual({ new: 3, learning: 0, review: 0 })
    // Three new cards failed at 03:50, 20 s apart: due one minute later, and still in this session.
    for (let i = 0; i < 3; i++) {
      now = START + i * 20_000
      await answer(1)
    }
    expect(session.counts).toEqual({ new: 0, learning: 3, review: 0 })
    expect(session.phase).toBe('wait')
    expect(session.waitUntil).toBe(START + MIN)
    // At 04:05 (what the wait screen's timer does when it fires): a new day, the failed cards are
    // due first, and three more new cards are allowed.
    now = START + 15 * MIN
    await session.showNext()
    expect(session.phase).toBe('question')
    expect(session.current?.card.id).toBe('card-0')
    expect(session.counts).toEqual({ new: 3, learning: 3, review: 0 })
    await answer(3)
    expect(session.counts).toEqual({ new: 3, learning: 3, review: 0 })
    expect(session.answered).toBe(4)
  })
})
