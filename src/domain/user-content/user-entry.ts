// The learner's own cards: an editor draft or an imported row becomes a deck entry, checked by the
// one deck schema (compileDeck), so user cards obey the same rules as the built-in ones.
import type { CardContent } from '../content/card'
import { clozeProblems } from '../content/cloze'
import type { DeckEntry } from '../content/deck-schema'
import { pickText, type LocalizedText } from '../content/localized'
import { compileDeck, type DeckProblem } from '../content/validate-deck'
import { MAX_FIELD_CHARS } from './csv-table'
import { USER_SOURCE } from './user-source'

export { USER_SOURCE }

export const EDITABLE_KINDS = ['basic', 'cloze', 'choice'] as const
export type EditableKind = (typeof EDITABLE_KINDS)[number]

export interface ChoiceOptionDraft {
  text: string
  correct: boolean
}

/** What the card editor edits: one shape for the three kinds. */
export interface CardDraft {
  kind: EditableKind
  /** Basic: front; cloze: the text with {{c1::gaps}}; choice: the question. */
  front: string
  /** Basic: back; cloze: extra (optional); choice: the explanation. */
  back: string
  options: ChoiceOptionDraft[]
  /** Space-separated, as in Anki. */
  tags: string
  /** Where the card comes from; empty for none. */
  source: string
}

/** 'deck': the title of a new deck typed in the editor. */
export type DraftField = 'deck' | 'front' | 'back' | 'options' | 'tags'
export type DraftProblem =
  | { field: DraftField; code: 'empty' | 'noGap' | 'optionsCount' | 'correctCount' }
  | { field: DraftField; code: 'tooLong'; chars: number; max: number }
  | { field: DraftField; code: 'tag'; tag: string }
  | { field: DraftField; code: 'cloze' | 'schema'; detail: string }

export const MIN_OPTIONS = 3
export const MAX_OPTIONS = 5
const TAG = /^[\p{L}\p{N}_:-]+$/u

export function emptyDraft(kind: EditableKind = 'basic'): CardDraft {
  const options = kind === 'choice' ? Array.from({ length: MIN_OPTIONS }, (_, i) => ({ text: '', correct: i === 0 })) : []
  return { kind, front: '', back: '', options, tags: '', source: '' }
}

export function splitTags(text: string): string[] {
  return [...new Set(text.split(/\s+/).filter(Boolean))]
}

/** The editor's draft of a stored entry. */
export function draftOf(entry: DeckEntry): CardDraft {
  const text = (t: LocalizedText | undefined) => pickText(t, 'fr')
  const base = { tags: entry.tags.join(' '), source: entry.source === USER_SOURCE ? '' : entry.source, options: [] }
  switch (entry.kind) {
    case 'basic':
      return { ...base, kind: 'basic', front: text(entry.front), back: text(entry.back) }
    case 'cloze':
      return { ...base, kind: 'cloze', front: text(entry.text), back: text(entry.extra) }
    case 'choice':
      return {
        ...base,
        kind: 'choice',
        front: text(entry.question),
        back: text(entry.explanation),
        options: entry.options.map((o) => ({ text: text(o.text), correct: o.correct })),
      }
    default:
      throw new Error(`cards of kind ${entry.kind} are not edited here`)
  }
}

/** The problems a learner can fix, each tied to a field of the editor (or a row of an import). */
export function draftProblems(draft: CardDraft, maxChars = MAX_FIELD_CHARS): DraftProblem[] {
  const out: DraftProblem[] = []
  const front = draft.front.trim()
  const back = draft.back.trim()
  for (const [field, value] of [['front', front], ['back', back]] as const) {
    if (value.length > maxChars) out.push({ field, code: 'tooLong', chars: value.length, max: maxChars })
  }
  if (front === '') out.push({ field: 'front', code: 'empty' })
  if (back === '' && draft.kind !== 'cloze') out.push({ field: 'back', code: 'empty' })
  if (draft.kind === 'cloze' && front !== '') {
    for (const detail of clozeProblems(front)) {
      out.push(detail.startsWith('has no gap') ? { field: 'front', code: 'noGap' } : { field: 'front', code: 'cloze', detail })
    }
  }
  if (draft.kind === 'choice') {
    if (draft.options.length < MIN_OPTIONS || draft.options.length > MAX_OPTIONS) out.push({ field: 'options', code: 'optionsCount' })
    else if (draft.options.some((o) => o.text.trim() === '')) out.push({ field: 'options', code: 'empty' })
    if (draft.options.filter((o) => o.correct).length !== 1) out.push({ field: 'options', code: 'correctCount' })
  }
  const badTag = splitTags(draft.tags).find((t) => !TAG.test(t))
  if (badTag !== undefined) out.push({ field: 'tags', code: 'tag', tag: badTag })
  return out
}

/** The deck entry a draft stands for (unchecked: compile it). */
export function entryOf(draft: CardDraft, id: string): unknown {
  const common = { id, source: draft.source.trim() || USER_SOURCE, tags: splitTags(draft.tags) }
  const front = draft.front.trim()
  const back = draft.back.trim()
  switch (draft.kind) {
    case 'basic':
      return { ...common, kind: 'basic', front, back }
    case 'cloze':
      return back === '' ? { ...common, kind: 'cloze', text: front } : { ...common, kind: 'cloze', text: front, extra: back }
    case 'choice':
      return {
        ...common,
        kind: 'choice',
        question: front,
        options: draft.options.map((o) => ({ text: o.text.trim(), correct: o.correct })),
        explanation: back,
      }
  }
}

export type CompiledEntries = { ok: true; cards: CardContent[] } | { ok: false; problems: DeckProblem[] }

/**
 * Compiles entries of a user deck with the deck schema: the same check as the built-in decks at
 * build time. Cards come out in entry order (a cloze gives one card per gap), positions from 0.
 */
export function compileUserEntries(deckId: string, entries: readonly unknown[]): CompiledEntries {
  if (entries.length === 0) return { ok: true, cards: [] }
  const result = compileDeck({ id: deckId, title: deckId, cards: entries }, deckId)
  return result.ok ? { ok: true, cards: result.deck.cards } : { ok: false, problems: result.problems }
}

/** Random ids that pass the deck schema's id rule; `random` is injected so tests are repeatable. */
export function newUserId(prefix: 'u' | 'deck', random: () => number): string {
  let s = ''
  for (let i = 0; i < 12; i++) s += '0123456789abcdefghijklmnopqrstuvwxyz'[Math.floor(random() * 36)]
  return `${prefix}-${s}`
}
