// @vitest-environment happy-dom
// The review session's double-tap guard, a choice card shown without a pick, and the actions on
// the card on screen with the review's undo.
import { createPinia, setActivePinia } from 'pinia'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { clock } from '../../src/composables/clock'
import { getDb } from '../../src/db/database'
import { syncBuiltinDecks } from '../../src/db/deck-sync'
import type { CardContent } from '../../src/domain/content/card'
import { contentHash } from '../../src/domain/content/hash'
import { useSessionStore } from '../../src/stores/session'
import { useSettingsStore } from '../../src/stores/settings'
import { basicCard, deckOf } from '../db/helpers'

const NOW = Date.parse('2026-11-26T09:00:00Z')
const real = { now: clock.now, timeZone: clock.timeZone }
let now = NOW

function choiceCard(id: string, position: number): CardContent {
  const t = (s: string) => ({ fr: s, en: s })
  const content = {
    id,
    kind: 'choice' as const,
    source: 'role',
    tags: [],
    question: t('Q?'),
    options: [{ text: t('right'), correct: true }, { text: t('wrong'), correct: false }, { text: t('also wrong'), correct: false }],
    explanation: t('Because.'),
  }
  return { id, deckId: 'd1', entryId: id, ord: 0, source: 'role', tags: [], position, hash: contentHash(content), content }
}

beforeAll(() => {
  clock.now = () => now
  clock.timeZone = () => 'Europe/Paris'
})
afterAll(() => Object.assign(clock, real))
beforeEach(async () => {
  const db = getDb()
  await Promise.all([db.decks.clear(), db.cards.clear(), db.schedules.clear(), db.reviews.clear(), db.meta.clear()])
  const cards = [choiceCard('c0', 0), ...Array.from({ length: 3 }, (_, i) => basicCard('d1', `card-${i + 1}`, `Q${i}`, `A${i}`, i + 1))]
  await syncBuiltinDecks(db, [deckOf('d1', cards)], NOW - 1000)
  setActivePinia(createPinia())
  await useSettingsStore().load()
  now = NOW
})

describe('the double-tap guard', () => {
  it('ignores a reveal, a pick or a grade within the guard time of what it acts on', async () => {
    const session = useSessionStore()
    expect(useSettingsStore().settings.answerGuardMs).toBe(400)
    await session.start(null)
    expect(session.current?.card.id).toBe('c0')
    expect(session.guarded).toBe(true)
    session.reveal()
    expect(session.pick(1)).toBe(true)
    expect(session.phase).toBe('question')
    now += 400
    session.reveal()
    expect(session.phase).toBe('answer')
    // Shown without a pick: the right option and the explanation show, Again is proposed.
    expect(session.picked).toBeNull()
    expect(session.proposed).toBe(1)
    await session.grade(3)
    expect(session.current?.card.id).toBe('c0')
    now += 399
    await session.grade(3)
    expect(await getDb().reviews.count()).toBe(0)
    now += 1
    await session.grade(3)
    expect(await getDb().reviews.count()).toBe(1)
    expect(session.current?.card.id).toBe('card-1')
    expect(session.lastAnswer?.grade).toBe(3)
  })

  it('is off at 0', async () => {
    useSettingsStore().settings.answerGuardMs = 0
    const session = useSessionStore()
    await session.start(null)
    expect(session.guarded).toBe(false)
    expect(session.pick(session.optionOrder.indexOf(0))).toBe(true)
    expect(session.proposed).toBe(3)
    await session.grade(3)
    expect(await getDb().reviews.count()).toBe(1)
  })
})

describe('actions on the card on screen', () => {
  it('flags it in place (the next answer is not refused), suspends it away, and undo walks both back', async () => {
    useSettingsStore().settings.answerGuardMs = 0
    const session = useSessionStore()
    await session.start(null)
    await session.act({ kind: 'flag', color: 3 })
    expect(session.current?.card.id).toBe('c0')
    expect(session.current?.schedule.flag).toBe(3)
    await session.act({ kind: 'suspend' })
    expect(session.current?.card.id).toBe('card-1')
    expect((await getDb().schedules.get('c0'))?.suspended).toBe(true)
    expect(session.undoStack.map((u) => u.kind)).toEqual(['action', 'action'])
    await session.undo()
    expect(session.current?.card.id).toBe('c0')
    expect((await getDb().schedules.get('c0'))?.suspended).toBe(false)
    expect(session.notice).toBe('study.actions.undone')
    // Answering the card after its flag: its row's version is the flagged one.
    session.reveal()
    await session.grade(3)
    expect(await getDb().reviews.count()).toBe(1)
    expect(session.notice).not.toBe('review.stale')
    // Undo: the answer first, then the flag.
    await session.undo()
    await session.undo()
    expect((await getDb().schedules.get('c0'))?.flag).toBe(0)
    expect(await getDb().reviews.count()).toBe(0)
  })

  it('buries and forgets: the card leaves the session', async () => {
    useSettingsStore().settings.answerGuardMs = 0
    const session = useSessionStore()
    await session.start(null)
    await session.act({ kind: 'bury' })
    expect(session.current?.card.id).toBe('card-1')
    expect(session.counts.new).toBe(3)
    await session.act({ kind: 'reset' })
    expect(session.current?.card.id).toBe('card-2')
    expect(session.counts.new).toBe(2)
  })
})
