import { describe, expect, it } from 'vitest'
import { parseCardTable } from '../../src/domain/user-content/csv-table'
import { frontKey, planImport } from '../../src/domain/user-content/import-plan'
import {
  compileUserEntries,
  draftOf,
  draftProblems,
  emptyDraft,
  entryOf,
  newUserId,
  schemaDraftProblems,
  USER_SOURCE,
  type CardDraft,
} from '../../src/domain/user-content/user-entry'

const draft = (patch: Partial<CardDraft>): CardDraft => ({ ...emptyDraft(patch.kind ?? 'basic'), ...patch })

function seq() {
  let i = 0
  return () => `u-${String(i++).padStart(4, '0')}`
}

describe('the card editor draft', () => {
  it('a basic card compiles with the deck schema, trimmed, with the default source', () => {
    const entry = entryOf(draft({ front: '  **Recto** ', back: 'Verso', tags: 'pm  role pm' }), 'u-1')
    const compiled = compileUserEntries('deck-a', [entry])
    expect(compiled).toMatchObject({ ok: true })
    if (!compiled.ok) return
    expect(compiled.cards).toHaveLength(1)
    expect(compiled.cards[0]).toMatchObject({
      id: 'u-1', deckId: 'deck-a', entryId: 'u-1', ord: 0, source: USER_SOURCE, tags: ['pm', 'role'],
      content: { kind: 'basic', front: '**Recto**', back: 'Verso' },
    })
  })

  it('a cloze gives one card per gap; its extra is optional', () => {
    const compiled = compileUserEntries('deck-a', [entryOf(draft({ kind: 'cloze', front: 'Le {{c1::PM}} et le {{c2::PO}}' }), 'u-2')])
    expect(compiled.ok && compiled.cards.map((c) => [c.id, c.ord])).toEqual([['u-2-c1', 1], ['u-2-c2', 2]])
  })

  it('a choice card needs 3 to 5 options with exactly one right answer', () => {
    const ok = draft({ kind: 'choice', front: 'Q ?', back: 'Parce que.', options: [{ text: 'a', correct: false }, { text: 'b', correct: true }, { text: 'c', correct: false }] })
    expect(draftProblems(ok)).toEqual([])
    expect(compileUserEntries('d', [entryOf(ok, 'u-3')]).ok).toBe(true)
    expect(draftProblems({ ...ok, options: ok.options.slice(0, 2) })).toContainEqual({ field: 'options', code: 'optionsCount' })
    expect(draftProblems({ ...ok, options: ok.options.map((o) => ({ ...o, correct: true })) })).toContainEqual({ field: 'options', code: 'correctCount' })
    expect(draftProblems({ ...ok, options: [...ok.options.slice(0, 2), { text: ' ', correct: false }] })).toContainEqual({ field: 'options', code: 'empty' })
  })

  it('names each problem by field', () => {
    expect(draftProblems(draft({}))).toEqual([{ field: 'front', code: 'empty' }, { field: 'back', code: 'empty' }])
    expect(draftProblems(draft({ kind: 'cloze', front: 'pas de trou' }))).toEqual([{ field: 'front', code: 'noGap' }])
    expect(draftProblems(draft({ kind: 'cloze', front: '{{c1::}} x' }))).toEqual([{ field: 'front', code: 'cloze', issue: { code: 'emptyAnswer', ord: 1 } }])
    expect(draftProblems(draft({ front: 'a', back: 'b', tags: 'ok pas,bon' }))).toEqual([{ field: 'tags', code: 'tag', tag: 'pas,bon' }])
    expect(draftProblems(draft({ front: 'a'.repeat(11), back: 'b' }), 10)).toEqual([{ field: 'front', code: 'tooLong', chars: 11, max: 10 }])
  })

  it('the schema still refuses what the draft checks let through', () => {
    const compiled = compileUserEntries('deck-a', [{ id: 'Not An Id', kind: 'basic', source: 'x', front: 'a', back: 'b' }])
    expect(compiled.ok).toBe(false)
    // Each refusal goes under the field it is about, worded from what valibot saw.
    if (compiled.ok) return
    expect(schemaDraftProblems(compiled.problems)).toContainEqual({ field: 'front', code: 'schema', issue: expect.objectContaining({ kind: 'badFormat', field: 'id' }) })
    const tags = compileUserEntries('deck-a', [{ id: 'u-1', kind: 'basic', source: 'x', front: 'a', back: 'b', tags: ['a b'] }])
    expect(!tags.ok && schemaDraftProblems(tags.problems)).toEqual([{ field: 'tags', code: 'schema', issue: expect.objectContaining({ kind: 'badFormat', keys: ['tags', 0] }) }])
  })

  it('round-trips a stored entry through the editor draft', () => {
    const entry = { id: 'u-4', kind: 'cloze' as const, source: 'Livre p. 3', tags: ['x'], text: '{{c1::a}}', extra: 'e' }
    expect(draftOf(entry)).toEqual({ kind: 'cloze', front: '{{c1::a}}', back: 'e', options: [], tags: 'x', source: 'Livre p. 3' })
    expect(entryOf(draftOf(entry), 'u-4')).toEqual(entry)
  })

  it('makes ids the schema accepts', () => {
    let x = 0
    const id = newUserId('u', () => (x = (x + 0.37) % 1))
    expect(id).toMatch(/^u-[a-z0-9]{12}$/)
  })
})

describe('planning an import', () => {
  const plan = (text: string, existing: string[] = []) => {
    const parsed = parseCardTable(text)
    if (!parsed.ok) throw new Error(parsed.problem.code)
    return planImport(parsed.table, { deckId: 'deck-a', existingFronts: existing, newId: seq(), source: 'cartes.csv' })
  }

  it('turns good rows into cards, with the file as their source', () => {
    const p = plan('front\tback\tTags\nQ1\tA1\tx\nLe {{c1::PM}} {{c2::décide}}\t\t\n')
    expect(p.problems).toEqual([])
    expect(p.rowsToAdd).toBe(2)
    expect(p.cards.map((c) => [c.id, c.position, c.source])).toEqual([
      ['u-0000', 0, 'cartes.csv'],
      ['u-0001-c1', 1, 'cartes.csv'],
      ['u-0001-c2', 1, 'cartes.csv'],
    ])
    expect(p.preview.map((r) => r.front)).toEqual(['Q1', 'Le {{c1::PM}} {{c2::décide}}'])
  })

  it('skips duplicates of the deck and of earlier rows (case, accents and spaces ignored)', () => {
    const p = plan('Équipe\tA\nequipe \tB\nAutre\tC\n', ['AUTRE'])
    expect(p.duplicates).toEqual([{ line: 2, earlierLine: 1 }, { line: 3, earlierLine: null }])
    expect(p.rowsToAdd).toBe(1)
    expect(frontKey('  Éq  uipe ')).toBe('eq uipe')
  })

  it('adds nothing when any row is bad, and lists every bad row', () => {
    const p = plan('Q1\tA1\nQ2\nQ3\t\nQ4\tA4\n')
    expect(p.cards).toEqual([])
    expect(p.rowsToAdd).toBe(0)
    expect(p.problems.map((x) => [x.line, x.code])).toEqual([[2, 'columns'], [3, 'emptyBack']])
  })

  it('reports cloze syntax errors on their row', () => {
    const p = plan('#notetype column:1\nCloze\t{{c1::}} vide\textra\n')
    expect(p.problems).toEqual([{ line: 2, front: '{{c1::}} vide', code: 'cloze', issue: { code: 'emptyAnswer', ord: 1 } }])
  })
})
