// Browse's search and filters over every card: plain data in, plain data out, so 10,000 cards
// filter in a few milliseconds and every filter has a test.
import type { CardContent } from '../content/card'
import { renderCloze } from '../content/cloze'
import type { CardKind, DeckEntry } from '../content/deck-schema'
import { pickText, STUDY_LANGUAGES, type LocalizedText, type StudyLanguage } from '../content/localized'
import { isLeech } from '../leech'
import { CardState, type FlagColor, type Schedule } from '../scheduling/schedule'

export const STATE_FILTERS = ['new', 'learning', 'review', 'relearning'] as const
export type StateFilter = (typeof STATE_FILTERS)[number]
export const STATE_OF: Record<StateFilter, CardState> = {
  new: CardState.New,
  learning: CardState.Learning,
  review: CardState.Review,
  relearning: CardState.Relearning,
}

export interface BrowseFilter {
  /** Words that must all appear (accents and case ignored); `tag:x` matches a tag starting with x. */
  text: string
  deckId: string | null
  kind: CardKind | null
  state: StateFilter | null
  /** Would be in today's queue: learning or review, due before the day ends, not suspended or buried. */
  dueToday: boolean
  suspended: boolean
  leech: boolean
  flagged: boolean
}

export const EMPTY_FILTER: Readonly<BrowseFilter> = Object.freeze({
  text: '',
  deckId: null,
  kind: null,
  state: null,
  dueToday: false,
  suspended: false,
  leech: false,
  flagged: false,
})

/** The part of a filter an index can answer (see db/browse-repository); the rest is filtered in memory. */
export interface Narrowing {
  deckId: string | null
  state: StateFilter | null
  /** Only cards due before this instant (the end of the study day), learning or review. */
  dueBeforeMs: number | null
}

export function narrowingOf(filter: BrowseFilter, day: Pick<DayContext, 'dayEndMs'>): Narrowing {
  return { deckId: filter.deckId, state: filter.state, dueBeforeMs: filter.dueToday ? day.dayEndMs : null }
}

/**
 * True when the cards read for `outer` include every card of `inner`: the list then narrows in
 * memory, without reading the database again (all decks loaded → one deck is instant).
 */
export function narrowingCovers(outer: Narrowing, inner: Narrowing): boolean {
  return (
    (outer.deckId === null || outer.deckId === inner.deckId) &&
    (outer.state === null || outer.state === inner.state) &&
    (outer.dueBeforeMs === null || (inner.dueBeforeMs !== null && inner.dueBeforeMs <= outer.dueBeforeMs))
  )
}

export const BROWSE_SORTS = ['order', 'due', 'lapses'] as const
export type BrowseSort = (typeof BROWSE_SORTS)[number]

/** One line of the list: what it shows and what the filters read. */
export interface BrowseItem {
  cardId: string
  deckId: string
  kind: CardKind
  origin: 'builtin' | 'user'
  question: string
  answer: string
  tags: string[]
  state: CardState
  due: number
  suspended: boolean
  buriedUntilDay: number
  flagged: boolean
  /** The flag's colour (FLAG_COLORS), 0 for none. */
  flag: FlagColor
  leech: boolean
  lapses: number
  reps: number
  position: number
  /** Every text of the card in both languages and its tags, folded for search. */
  search: string
}

export interface BrowseCard extends CardContent {
  origin: 'builtin' | 'user'
}

/**
 * Lower case, accents off, one apostrophe: "Équipe" and "equipe" are the same word to a search, and
 * "l'équipe" typed on a keyboard finds "l’équipe" as the decks write it.
 */
export function fold(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').replace(/[’‘]/g, "'").toLowerCase()
}

function texts(entry: DeckEntry): LocalizedText[] {
  switch (entry.kind) {
    case 'basic':
      return [entry.front, entry.back]
    case 'cloze':
      return entry.extra ? [entry.text, entry.extra] : [entry.text]
    case 'choice':
      return [entry.question, entry.explanation, ...entry.options.map((o) => o.text)]
    case 'interview':
      return [entry.question, entry.answer, ...entry.keyPoints]
  }
}

/** The question and answer as one line each, in the study language. */
export function summary(card: CardContent, lang: StudyLanguage): { question: string; answer: string } {
  const t = (x: LocalizedText | undefined) => pickText(x, lang)
  const e = card.content
  switch (e.kind) {
    case 'basic':
      return { question: t(e.front), answer: t(e.back) }
    case 'cloze': {
      const segments = renderCloze(t(e.text), card.ord, false)
      const answers = renderCloze(t(e.text), card.ord, true).filter((s) => s.type === 'answer').map((s) => s.text)
      return { question: segments.map((s) => s.text).join(''), answer: answers.join(' · ') }
    }
    case 'choice':
      return { question: t(e.question), answer: t(e.options.find((o) => o.correct)?.text) }
    case 'interview':
      return { question: t(e.question), answer: t(e.answer) }
  }
}

// Line breaks and runs of spaces only: the no-break spaces of French typography stay (no "?" alone on a line).
const oneLine = (s: string) => s.replace(/[\t\n\f\r ]+/g, ' ').trim()

/**
 * The learner's Markdown as one plain line for the list: emphasis marks, link targets, list bullets
 * and heading marks go; anything else (HTML included) stays as typed, shown as text.
 */
export function markdownLine(text: string): string {
  return oneLine(
    text
      .replace(/^\s{0,3}(?:#{1,6}\s+|[-*+]\s+|\d+[.)]\s+|>\s?)/gm, '')
      .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
      .replace(/(\*\*|__)(?=\S)(.+?)(?<=\S)\1/g, '$2')
      .replace(/(\*|_)(?=\S)(.+?)(?<=\S)\1/g, '$2')
      .replace(/`([^`]*)`/g, '$1'),
  )
}

export function toBrowseItem(card: BrowseCard, s: Schedule, lang: StudyLanguage): BrowseItem {
  const { question, answer } = summary(card, lang)
  const line = card.origin === 'user' ? markdownLine : oneLine
  const all = texts(card.content).flatMap((x) => STUDY_LANGUAGES.map((l) => pickText(x, l)))
  return {
    cardId: card.id,
    deckId: s.deckId,
    kind: card.content.kind,
    origin: card.origin,
    question: line(question),
    answer: line(answer),
    tags: card.tags,
    state: s.state,
    due: s.due,
    suspended: s.suspended,
    buriedUntilDay: s.buriedUntilDay,
    flagged: (s.flag ?? 0) > 0,
    flag: s.flag ?? 0,
    leech: isLeech(card.tags),
    lapses: s.lapses,
    reps: s.reps,
    position: s.position,
    search: fold([...new Set(all)].join('\n') + '\n' + card.tags.join(' ')),
  }
}

/** Items after some schedules changed (a Browse action), without reading the cards again. */
export function withSchedules(items: readonly BrowseItem[], schedules: readonly Schedule[]): BrowseItem[] {
  const byId = new Map(schedules.map((s) => [s.cardId, s]))
  return items.map((item) => {
    const s = byId.get(item.cardId)
    if (!s) return item
    return {
      ...item,
      deckId: s.deckId,
      state: s.state,
      due: s.due,
      suspended: s.suspended,
      buriedUntilDay: s.buriedUntilDay,
      flagged: (s.flag ?? 0) > 0,
    flag: s.flag ?? 0,
      lapses: s.lapses,
      reps: s.reps,
      position: s.position,
    }
  })
}

export interface DayContext {
  /** End of the current study day (next rollover), epoch ms. */
  dayEndMs: number
  /** Today's study-day index. */
  today: number
}

export function isDueToday(item: Pick<BrowseItem, 'state' | 'due' | 'suspended' | 'buriedUntilDay'>, day: DayContext): boolean {
  return item.state !== CardState.New && item.due < day.dayEndMs && !item.suspended && item.buriedUntilDay < day.today
}

interface Query {
  words: string[]
  tags: string[]
}

function parseQuery(text: string): Query {
  const words: string[] = []
  const tags: string[] = []
  for (const w of fold(text).split(/\s+/).filter(Boolean)) {
    if (w.startsWith('tag:') && w.length > 4) tags.push(w.slice(4))
    else words.push(w)
  }
  return { words, tags }
}

export function matches(item: BrowseItem, filter: BrowseFilter, day: DayContext, query: Query = parseQuery(filter.text)): boolean {
  if (filter.deckId !== null && item.deckId !== filter.deckId) return false
  if (filter.kind !== null && item.kind !== filter.kind) return false
  if (filter.state !== null && item.state !== STATE_OF[filter.state]) return false
  if (filter.suspended && !item.suspended) return false
  if (filter.leech && !item.leech) return false
  if (filter.flagged && !item.flagged) return false
  if (filter.dueToday && !isDueToday(item, day)) return false
  if (query.tags.length > 0 && !query.tags.every((t) => item.tags.some((tag) => fold(tag).startsWith(t)))) return false
  return query.words.every((w) => item.search.includes(w))
}

export function filterItems(items: readonly BrowseItem[], filter: BrowseFilter, day: DayContext): BrowseItem[] {
  const query = parseQuery(filter.text)
  return items.filter((item) => matches(item, filter, day, query))
}

/** Sorted copy: 'order' is the order of study (deck, then position), 'due' soonest first, 'lapses' most first. */
export function sortItems(items: readonly BrowseItem[], sort: BrowseSort, deckOrder: readonly string[]): BrowseItem[] {
  const rank = new Map(deckOrder.map((id, i) => [id, i]))
  const byOrder = (a: BrowseItem, b: BrowseItem) =>
    (rank.get(a.deckId) ?? rank.size) - (rank.get(b.deckId) ?? rank.size) || a.position - b.position || a.cardId.localeCompare(b.cardId)
  const compare =
    sort === 'due'
      ? (a: BrowseItem, b: BrowseItem) => (a.state === CardState.New ? 1 : 0) - (b.state === CardState.New ? 1 : 0) || a.due - b.due || byOrder(a, b)
      : sort === 'lapses'
        ? (a: BrowseItem, b: BrowseItem) => b.lapses - a.lapses || byOrder(a, b)
        : byOrder
  return [...items].sort(compare)
}

/** How many filters narrow the list (for the "n filters" badge and a "clear" button). */
export function activeFilterCount(filter: BrowseFilter): number {
  return [filter.deckId, filter.kind, filter.state].filter((x) => x !== null).length +
    [filter.dueToday, filter.suspended, filter.leech, filter.flagged].filter(Boolean).length
}
