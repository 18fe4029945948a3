// A join's records cut into chunks of whole cards: every record once, a card never split, the
// space-wide records first, the most recently studied cards next.
import { describe, expect, it } from 'vitest'
import { chunkByCard } from '../../src/domain/sync/chunks'
import type { SyncRecord } from '../../src/domain/sync/records'

const T0 = Date.parse('2026-11-26T09:00:00Z')
const HLC = '0000000000000-0000-aa'
const review = (id: string, cardId: string, at: number): SyncRecord => ({ k: 'review', id, cardId, deckId: 'd', grade: 3, reviewedAt: at, durationMs: 1000, wasNew: false })

describe('chunkByCard', () => {
  const records: SyncRecord[] = [
    review('r1', 'a', T0),
    review('r2', 'b', T0 + 5),
    { k: 'set', entity: 'setting', key: 'newPerDay', fields: { value: 30 }, hlc: HLC },
    review('r3', 'a', T0 + 1),
    { k: 'remove', id: 'r3', cardId: 'a' },
    { k: 'set', entity: 'cardState', key: 'c', fields: { flag: 2 }, hlc: HLC },
    review('r4', 'c', T0 + 2),
    { k: 'reset', id: 'x1', cardId: 'b', at: T0 + 3 },
    { k: 'set', entity: 'userDeck', key: 'mine', fields: { row: null }, hlc: HLC },
  ]

  it('keeps each card whole, the space-wide records first and the latest studied cards next', () => {
    const chunks = chunkByCard(records, 2)
    expect(chunks.flat()).toHaveLength(records.length)
    expect(new Set(chunks.flat())).toEqual(new Set(records))
    // The settings and the deck alone (b would make 4), then b (latest at T0+5), c (T0+2), a (T0+1).
    expect(chunks[0]).toEqual([records[2], records[8]])
    expect(chunks[1]).toEqual([records[1], records[7]])
    expect(chunks[2]).toEqual([records[5], records[6]])
    expect(chunks[3]).toEqual([records[0], records[3], records[4]]) // a, larger than a chunk: whole
  })

  it('fills a chunk with several cards, and gives one empty chunk for no records', () => {
    expect(chunkByCard(records, 100)).toEqual([[records[2], records[8], records[1], records[7], records[5], records[6], records[0], records[3], records[4]]])
    expect(chunkByCard([], 10)).toEqual([[]])
  })
})
