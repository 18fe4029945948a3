import { describe, expect, it } from 'vitest'
import {
  activeFilterCount,
  EMPTY_FILTER,
  filterItems,
  fold,
  markdownLine,
  narrowingCovers,
  narrowingOf,
  sortItems,
  summary,
  toBrowseItem,
  withSchedules,
  type BrowseCard,
  type BrowseFilter,
  type BrowseItem,
} from '../../src/domain/browse/browse-items'
import { CardState, newMemoryState, type Schedule } from '../../src/domain/scheduling/schedule'

const NOW = Date.parse('2026-11-26T09:00:00Z')
const DAY = { dayEndMs: Date.parse('2026-11-27T03:00:00Z'), today: 20_418 }

function card(id: string, patch: Partial<BrowseCard> = {}): BrowseCard {
  return {
    id, deckId: 'd1', entryId: id, ord: 0, source: 'role', tags: [], position: 0, hash: 'h', origin: 'builtin',
    content: { id, kind: 'basic', source: 'role', tags: [], front: { fr: `Question ${id} équipe`, en: `Question ${id} team` }, back: `Réponse ${id}` },
    ...patch,
  }
}

function schedule(id: string, patch: Partial<Schedule> = {}): Schedule {
  return { ...newMemoryState(NOW), cardId: id, deckId: 'd1', position: 0, suspended: false, buriedUntilDay: 0, retired: false, version: 1, ...patch }
}

const filter = (patch: Partial<BrowseFilter>): BrowseFilter => ({ ...EMPTY_FILTER, ...patch })
const ids = (items: BrowseItem[]) => items.map((i) => i.cardId)

const items = [
  toBrowseItem(card('a'), schedule('a'), 'fr'),
  toBrowseItem(card('b', { deckId: 'd2', tags: ['leech', 'b2b'] }), schedule('b', { deckId: 'd2', state: CardState.Review, due: NOW + 1000, lapses: 8, suspended: true }), 'fr'),
  toBrowseItem(card('c', { content: { id: 'c', kind: 'cloze', source: 'role', tags: [], text: 'Le {{c1::PO}} gère le {{c2::backlog}}' }, ord: 2 }), schedule('c', { state: CardState.Learning, due: NOW - 1000, flag: 5 }), 'fr'),
  toBrowseItem(card('d'), schedule('d', { state: CardState.Review, due: DAY.dayEndMs + 1, position: 3 }), 'fr'),
  toBrowseItem(card('e'), schedule('e', { state: CardState.Relearning, due: NOW, buriedUntilDay: DAY.today, position: 1 }), 'fr'),
]

describe('browse items', () => {
  it('summarise a card in the study language, a cloze with its asked gap hidden', () => {
    expect(items[0]).toMatchObject({ question: 'Question a équipe', answer: 'Réponse a', kind: 'basic', flagged: false, leech: false })
    expect(items[2]).toMatchObject({ question: 'Le PO gère le […]', answer: 'backlog', flagged: true, flag: 5 })
    expect(summary(card('a'), 'en').question).toBe('Question a team')
  })

  it('search every text in both languages, accents and case ignored, all words required', () => {
    expect(ids(filterItems(items, filter({ text: 'ÉQUIPE b' }), DAY))).toEqual(['b'])
    expect(ids(filterItems(items, filter({ text: 'team' }), DAY))).toEqual(['a', 'b', 'd', 'e'])
    expect(ids(filterItems(items, filter({ text: 'backlog' }), DAY))).toEqual(['c'])
    expect(ids(filterItems(items, filter({ text: 'tag:b2' }), DAY))).toEqual(['b'])
    expect(fold('Équipe PRODUIT')).toBe('equipe produit')
    // The decks write ’; a keyboard types '.
    expect(fold('L’équipe')).toBe(fold("l'equipe"))
  })

  it('filter by deck, kind and state', () => {
    expect(ids(filterItems(items, filter({ deckId: 'd2' }), DAY))).toEqual(['b'])
    expect(ids(filterItems(items, filter({ kind: 'cloze' }), DAY))).toEqual(['c'])
    expect(ids(filterItems(items, filter({ state: 'new' }), DAY))).toEqual(['a'])
    expect(ids(filterItems(items, filter({ state: 'review' }), DAY))).toEqual(['b', 'd'])
    expect(ids(filterItems(items, filter({ state: 'learning' }), DAY))).toEqual(['c'])
    expect(ids(filterItems(items, filter({ state: 'relearning' }), DAY))).toEqual(['e'])
  })

  it('due today leaves out new, suspended, buried and later cards', () => {
    expect(ids(filterItems(items, filter({ dueToday: true }), DAY))).toEqual(['c'])
  })

  it('suspended, leech and flagged, combined with AND', () => {
    expect(ids(filterItems(items, filter({ suspended: true }), DAY))).toEqual(['b'])
    expect(ids(filterItems(items, filter({ leech: true }), DAY))).toEqual(['b'])
    expect(ids(filterItems(items, filter({ flagged: true }), DAY))).toEqual(['c'])
    expect(ids(filterItems(items, filter({ flagged: true, leech: true }), DAY))).toEqual([])
    expect(activeFilterCount(filter({ deckId: 'd2', flagged: true, text: 'x' }))).toBe(2)
  })

  it('sort by study order, due date or lapses', () => {
    expect(ids(sortItems(items, 'order', ['d1', 'd2']))).toEqual(['a', 'c', 'e', 'd', 'b'])
    expect(ids(sortItems(items, 'due', ['d1', 'd2']))).toEqual(['c', 'e', 'b', 'd', 'a'])
    expect(ids(sortItems(items, 'lapses', ['d1', 'd2']))[0]).toBe('b')
  })

  it('filters 10,000 cards correctly (its time is printed, not asserted: timings belong to the bench)', () => {
    const many = Array.from({ length: 10_000 }, (_, i) =>
      toBrowseItem(card(`c${i}`, { deckId: `d${i % 8}` }), schedule(`c${i}`, { deckId: `d${i % 8}`, state: (i % 4) as CardState, due: NOW + i * 1000 }), 'fr'),
    )
    const f = filter({ text: 'question c99', state: 'review' })
    const runs = Array.from({ length: 7 }, () => {
      const start = performance.now()
      filterItems(many, f, DAY)
      return performance.now() - start
    }).sort((a, b) => a - b)
    const elapsed = runs[3]!
    const found = filterItems(many, f, DAY)
    const expected = Array.from({ length: 10_000 }, (_, i) => i).filter((i) => String(i).startsWith('99') && i % 4 === 2)
    expect(ids(found)).toEqual(expected.map((i) => `c${i}`))
    console.log(`filter 10,000 items, median of 7: ${elapsed.toFixed(1)} ms`)
  })
})

describe('narrowing: when the loaded cards already answer a filter', () => {
  const all = { deckId: null, state: null, dueBeforeMs: null }
  it('all cards cover any narrower filter; a narrower load does not cover a wider one', () => {
    expect(narrowingCovers(all, { deckId: 'd1', state: 'review', dueBeforeMs: 5 })).toBe(true)
    expect(narrowingCovers({ ...all, deckId: 'd1' }, { ...all, deckId: 'd1', state: 'new' })).toBe(true)
    expect(narrowingCovers({ ...all, deckId: 'd1' }, all)).toBe(false)
    expect(narrowingCovers({ ...all, deckId: 'd1' }, { ...all, deckId: 'd2' })).toBe(false)
    expect(narrowingCovers({ ...all, state: 'new' }, { ...all, state: 'review' })).toBe(false)
    expect(narrowingCovers({ ...all, dueBeforeMs: 10 }, { ...all, dueBeforeMs: 5 })).toBe(true)
    expect(narrowingCovers({ ...all, dueBeforeMs: 10 }, { ...all, dueBeforeMs: 20 })).toBe(false)
    expect(narrowingCovers({ ...all, dueBeforeMs: 10 }, all)).toBe(false)
  })

  it('reads the narrowing from the filter', () => {
    expect(narrowingOf(filter({ deckId: 'd1', dueToday: true, text: 'x' }), DAY)).toEqual({ deckId: 'd1', state: null, dueBeforeMs: DAY.dayEndMs })
  })
})

describe('after an action', () => {
  it('updates the items from the schedules written, leaving the others as they were', () => {
    const next = withSchedules(items, [schedule('a', { suspended: true, flag: 2, state: CardState.Review, due: NOW + 5 })])
    expect(next[0]).toMatchObject({ cardId: 'a', suspended: true, flagged: true, flag: 2, state: CardState.Review, due: NOW + 5, question: 'Question a équipe' })
    expect(next.slice(1)).toEqual(items.slice(1))
  })
})

describe('a learner card in the list', () => {
  it('shows its Markdown as one plain line, HTML left as typed text', () => {
    expect(markdownLine('Qu’est-ce qu’un **PM** ?\n\n- *vision*\n- [lien](https://x.y) `code`')).toBe('Qu’est-ce qu’un PM ? vision lien code')
    expect(markdownLine('<b>x</b> 2 * 3 = 6')).toBe('<b>x</b> 2 * 3 = 6')
    const item = toBrowseItem(card('u', { origin: 'user', content: { id: 'u', kind: 'basic', source: 'user', tags: [], front: '# Titre **gras**', back: 'b' } }), schedule('u'), 'fr')
    expect(item.question).toBe('Titre gras')
    // The no-break spaces of French typography stay: no "?" alone on the row's second line.
    expect(markdownLine('Qu’est-ce qu’un\n **PM**\u202f?')).toBe('Qu’est-ce qu’un PM\u202f?')
    expect(items[0]?.question).toBe('Question a équipe')
  })
})
