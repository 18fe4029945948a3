// The built-in decks as shipped: valid, bilingual, unique, and covering every section of the material.
import { resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { describeProblems, loadDecks } from '../../src/build/load-decks'
import { pickText } from '../../src/domain/content/localized'
import type { DeckEntry } from '../../src/domain/content/deck-schema'

const loaded = loadDecks(resolve(import.meta.dirname, '../../decks'), resolve(import.meta.dirname, '../..'))
const cards = loaded.decks.flatMap((d) => d.cards)
const entries = new Map<string, DeckEntry>()
for (const c of cards) entries.set(c.entryId, c.content)

function questionOf(e: DeckEntry, lang: 'fr' | 'en'): string {
  switch (e.kind) {
    case 'basic':
      return pickText(e.front, lang)
    case 'cloze':
      return pickText(e.text, lang)
    default:
      return pickText(e.question, lang)
  }
}

describe('built-in decks', () => {
  it('are valid against the deck schema (bilingual, known sources, well-formed kinds)', () => {
    expect(loaded.problems, describeProblems(loaded.problems)).toEqual([])
    expect(loaded.decks.length).toBeGreaterThan(0)
  })

  it('have card ids unique across all decks', () => {
    const ids = cards.map((c) => c.id)
    expect(new Set(ids).size).toBe(ids.length)
  })

  it('never ask the same question twice', () => {
    const seen = new Map<string, string>()
    const dupes: string[] = []
    for (const [id, e] of entries) {
      for (const lang of ['fr', 'en'] as const) {
        const q = questionOf(e, lang).toLowerCase().replace(/\s+/g, ' ').trim()
        const other = seen.get(`${lang}:${q}`)
        if (other) dupes.push(`${id} and ${other} (${lang}): ${q}`)
        seen.set(`${lang}:${q}`, id)
      }
    }
    expect(dupes).toEqual([])
  })

  it('teach every section of the material', () => {
    const cited = new Set(cards.map((c) => c.source))
    const missing = loaded.sections.map((s) => s.id).filter((id) => !cited.has(id))
    expect(missing).toEqual([])
  })
})
