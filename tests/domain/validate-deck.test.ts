import { describe, expect, it } from 'vitest'
import { compileDeck, compileDecks, formatProblem } from '../../src/domain/content/validate-deck'

const sources = new Set(['role', 'pm-vs-po'])
const basic = (id: string, extra: Record<string, unknown> = {}) => ({
  id,
  kind: 'basic',
  source: 'role',
  front: { fr: 'Question ?', en: 'Question?' },
  back: { fr: 'Réponse.', en: 'Answer.' },
  ...extra,
})
const deck = (cards: unknown[]) => ({ id: 'deck-a', title: { fr: 'Paquet', en: 'Deck' }, cards })
const problems = (raw: unknown) => {
  const r = compileDeck(raw, 'decks/a.yaml', { sources, requireEnglish: true })
  return r.ok ? [] : r.problems.map(formatProblem)
}

describe('deck validation', () => {
  it('compiles a valid deck into cards with stable ids, positions and hashes', () => {
    const r = compileDeck(deck([basic('q-one'), basic('q-two', { front: { fr: 'Autre ?', en: 'Other?' } })]), 'a.yaml', { sources })
    expect(r.ok).toBe(true)
    if (!r.ok) return
    expect(r.deck.cards.map((c) => [c.id, c.position])).toEqual([['q-one', 0], ['q-two', 1]])
    expect(r.deck.cards[0]!.hash).toMatch(/^[0-9a-f]{8}$/)
    expect(r.deck.cards[0]!.tags).toEqual([])
  })

  it('names the file, the card and the field of each problem', () => {
    expect(problems(deck([basic('q-one'), basic('q-one')]))).toEqual([
      'decks/a.yaml: card "q-one", field "id": duplicate id in this deck',
    ])
    expect(problems(deck([basic('q-one', { back: { fr: '   ', en: 'x' } })]))).toEqual([
      'decks/a.yaml: card "q-one", field "back.fr": French text is empty',
    ])
    expect(problems(deck([basic('q-one', { kind: 'essay' })]))[0]).toBe(
      'decks/a.yaml: card "q-one", field "kind": unknown kind "essay" (expected one of basic, cloze, choice, interview)',
    )
    expect(problems(deck([basic('q-one', { source: 'nowhere' })]))).toEqual([
      'decks/a.yaml: card "q-one", field "source": unknown source section "nowhere"',
    ])
    expect(problems(deck([basic('q-one', { back: 'Réponse seule' })]))).toEqual([
      'decks/a.yaml: card "q-one", field "back": has no English version (en)',
    ])
    expect(problems(deck([basic('q-one', { colour: 'red' })]))[0]).toMatch(/card "q-one", field "colour"/)
    expect(problems(deck([basic('Bad Id')]))[0]).toMatch(/card "Bad Id", field "id": id must be lower-case/)
    expect(problems(deck([{ kind: 'basic' }]))[0]).toMatch(/card "#1", field "(id|source)"/)
  })

  it('refuses a deck without cards or without a title', () => {
    expect(problems({ id: 'x', title: 'T', cards: [] })).toEqual(['decks/a.yaml: field "cards": a deck needs at least one card'])
    expect(problems({ id: 'x', cards: [basic('a1')] })[0]).toMatch(/field "title"/)
    expect(problems('not a deck')[0]).toMatch(/^decks\/a.yaml: field "\(root\)"/)
  })

  it('expands a cloze into one card per gap number and checks its syntax', () => {
    const cloze = {
      id: 'cz',
      kind: 'cloze',
      source: 'role',
      text: { fr: '{{c1::Un}} et {{c2::deux::nombre}} et {{c1::un}}', en: '{{c1::One}} and {{c2::two}} and {{c1::one}}' },
    }
    const r = compileDeck(deck([cloze]), 'a.yaml', { sources, requireEnglish: true })
    expect(r.ok && r.deck.cards.map((c) => [c.id, c.ord])).toEqual([['cz-c1', 1], ['cz-c2', 2]])
    expect(problems(deck([{ ...cloze, text: { fr: 'pas de trou', en: 'no gap' } }]))).toEqual([
      'decks/a.yaml: card "cz", field "text.fr": has no gap: write {{c1::answer}}',
      'decks/a.yaml: card "cz", field "text.en": has no gap: write {{c1::answer}}',
    ])
    expect(problems(deck([{ ...cloze, text: { fr: '{{c1::a}} {{c2::b}}', en: '{{c1::a}}' } }]))).toEqual([
      'decks/a.yaml: card "cz", field "text.en": gaps c1 do not match the French gaps c1, c2',
    ])
    expect(problems(deck([{ ...cloze, text: { fr: '{{c1::}} }}', en: '{{c1::a}}' } }]))).toContain(
      'decks/a.yaml: card "cz", field "text.fr": has unbalanced {{ or }} outside a gap',
    )
  })

  it('checks that a choice card has 3 to 5 options and exactly one correct', () => {
    const opt = (fr: string, correct = false) => ({ text: { fr, en: fr }, correct })
    const choice = (options: unknown[]) => ({
      id: 'ch',
      kind: 'choice',
      source: 'role',
      question: { fr: 'Q ?', en: 'Q?' },
      options,
      explanation: { fr: 'Parce que.', en: 'Because.' },
    })
    expect(problems(deck([choice([opt('a', true), opt('b'), opt('c')])]))).toEqual([])
    expect(problems(deck([choice([opt('a', true), opt('b', true), opt('c')])]))).toEqual([
      'decks/a.yaml: card "ch", field "options": has 2 correct options; exactly one is needed',
    ])
    expect(problems(deck([choice([opt('a', true), opt('b')])]))).toEqual([
      'decks/a.yaml: card "ch", field "options": has 2 options; 3 to 5 are needed',
    ])
  })

  it('checks that an interview card has 3 to 6 key points', () => {
    const itw = (keyPoints: unknown[]) => ({
      id: 'iv',
      kind: 'interview',
      source: 'pm-vs-po',
      question: { fr: 'Q ?', en: 'Q?' },
      answer: { fr: 'R.', en: 'A.' },
      keyPoints,
    })
    const kp = { fr: 'point', en: 'point' }
    expect(problems(deck([itw([kp, kp, kp])]))).toEqual([])
    expect(problems(deck([itw([kp, kp])]))).toEqual([
      'decks/a.yaml: card "iv", field "keyPoints": has 2 key points; 3 to 6 are needed',
    ])
  })

  it('checks ids across decks', () => {
    const { problems: p } = compileDecks([
      { file: 'a.yaml', raw: deck([basic('same')]) },
      { file: 'b.yaml', raw: { ...deck([basic('same')]), id: 'deck-b' } },
      { file: 'c.yaml', raw: deck([basic('other')]) },
    ], { sources })
    expect(p.map(formatProblem)).toEqual([
      'b.yaml: card "same", field "id": duplicate id, also in a.yaml',
      'c.yaml: field "id": deck id "deck-a" is already used by a.yaml',
    ])
  })
})
