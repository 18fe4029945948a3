import { PmDatabase } from '../../src/db/database'
import type { CompiledDeck, CardContent } from '../../src/domain/content/card'
import { contentHash } from '../../src/domain/content/hash'

let counter = 0
/** A fresh database on fake-indexeddb, with its own name so tests never share state. */
export function freshDb(): PmDatabase {
  return new PmDatabase(`test-${Date.now()}-${counter++}`)
}

export function basicCard(deckId: string, id: string, front: string, back: string, position: number): CardContent {
  const content = { id, kind: 'basic' as const, source: 'role', tags: [], front: { fr: front, en: front }, back: { fr: back, en: back } }
  return { id, deckId, entryId: id, ord: 0, source: 'role', tags: [], position, hash: contentHash(content), content }
}

export function deckOf(id: string, cards: CardContent[]): CompiledDeck {
  return { id, title: { fr: id, en: id }, hash: contentHash(cards.map((c) => c.hash)), cards }
}
