import { describe, expect, it } from 'vitest'
import { parseCardTable } from '../../src/domain/user-content/csv-table'
import { deckToTsv, exportFileName } from '../../src/domain/user-content/tsv-export'

const notes = [
  { entry: { id: 'u-1', kind: 'basic' as const, source: 'user', tags: ['pm'], front: 'Qu’est-ce qu’un *PM* ?', back: 'Ligne 1\nLigne 2\t"tab"' }, tags: ['pm', 'leech'] },
  { entry: { id: 'u-2', kind: 'cloze' as const, source: 'user', tags: [], text: 'Le {{c1::PO}} gère le backlog' }, tags: [] },
  {
    entry: {
      id: 'b-1', kind: 'choice' as const, source: 'role', tags: [], question: { fr: 'Qui ?', en: 'Who?' },
      options: [{ text: { fr: 'Le PM', en: 'The PM' }, correct: true }, { text: 'B', correct: false }, { text: 'C', correct: false }],
      explanation: { fr: 'Car.', en: 'Because.' },
    },
    tags: [],
  },
]

describe('TSV export for Anki', () => {
  it('writes the header lines Anki reads, then one note per line', () => {
    const tsv = deckToTsv('Mes  cartes\n', notes, 'fr')
    const lines = tsv.split('\n')
    expect(lines.slice(0, 5)).toEqual(['#separator:tab', '#html:false', '#notetype column:1', '#deck:Mes cartes', '#tags column:4'])
    expect(lines[5]).toBe('Basic\tQu’est-ce qu’un *PM* ?\t"Ligne 1')
    expect(tsv).toContain('Cloze\tLe {{c1::PO}} gère le backlog\t\t\n')
    expect(tsv).toContain('Basic\t"Qui ?\n\n1. Le PM\n2. B\n3. C"\t"Le PM\n\nCar."\t\n')
    expect(tsv.endsWith('\n')).toBe(true)
  })

  it('reads back into the same cards through the importer (tabs, quotes and line breaks kept)', () => {
    const parsed = parseCardTable(deckToTsv('Deck', notes, 'en'))
    expect(parsed.ok).toBe(true)
    if (!parsed.ok) return
    expect(parsed.table.problems).toEqual([])
    expect(parsed.table.rows.map(({ kind, front, back, tags }) => ({ kind, front, back, tags }))).toEqual([
      { kind: 'basic', front: 'Qu’est-ce qu’un *PM* ?', back: 'Ligne 1\nLigne 2\t"tab"', tags: ['pm', 'leech'] },
      { kind: 'cloze', front: 'Le {{c1::PO}} gère le backlog', back: '', tags: [] },
      { kind: 'basic', front: 'Who?\n\n1. The PM\n2. B\n3. C', back: 'The PM\n\nBecause.', tags: [] },
    ])
  })

  it('names the file after the deck', () => {
    expect(exportFileName('Découverte produit !')).toBe('decouverte-produit.tsv')
    expect(exportFileName('???')).toBe('deck.tsv')
  })
})
