// A released card id is a promise: the learner's schedule hangs on it. It is never renamed, and never
// reused for another card. New ids are registered with `npm run decks:release`.
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { loadDecks } from '../../src/build/load-decks'

interface Released {
  cards: Record<string, { deck: string; kind: string; source: string }>
  /** Ids deliberately removed from the decks; they may never come back for another card. */
  retired: string[]
}

const FILE = resolve(import.meta.dirname, 'released-ids.json')
const loaded = loadDecks(resolve(import.meta.dirname, '../../decks'), resolve(import.meta.dirname, '../..'))
const current = new Map(loaded.decks.flatMap((d) => d.cards).map((c) => [c.id, { deck: c.deckId, kind: c.content.kind, source: c.source }]))
const released: Released = existsSync(FILE) ? JSON.parse(readFileSync(FILE, 'utf8')) : { cards: {}, retired: [] }

if (process.env.UPDATE_RELEASED_IDS === '1') {
  for (const [id, info] of current) released.cards[id] ??= info
  writeFileSync(FILE, JSON.stringify({ cards: Object.fromEntries(Object.entries(released.cards).sort()), retired: released.retired.sort() }, null, 2) + '\n')
}

describe('released card ids', () => {
  it('are all still in the decks, as the same kind of card on the same section', () => {
    const broken: string[] = []
    for (const [id, was] of Object.entries(released.cards)) {
      if (released.retired.includes(id)) continue
      const now = current.get(id)
      if (!now) broken.push(`${id} disappeared (renamed? to remove a card on purpose, list its id under "retired")`)
      else if (now.kind !== was.kind || now.source !== was.source) {
        broken.push(`${id} was a ${was.kind} card on "${was.source}", now a ${now.kind} card on "${now.source}": give the new card a new id`)
      }
    }
    expect(broken).toEqual([])
  })

  it('are never reused once retired', () => {
    expect(released.retired.filter((id) => current.has(id))).toEqual([])
  })

  it('include every card shipped (run `npm run decks:release` after adding cards)', () => {
    expect([...current.keys()].filter((id) => !(id in released.cards))).toEqual([])
  })
})
