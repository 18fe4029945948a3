// Validates and compiles a parsed deck file; every problem names the file, the card and the field.
import * as v from 'valibot'
import { DeckFileSchema, EntrySchema, type DeckEntry } from './deck-schema'
import { clozeOrdinals, clozeProblems } from './cloze'
import { contentHash } from './hash'
import type { CardContent, CompiledDeck } from './card'
import type { LocalizedText } from './localized'
import { schemaIssue, type SchemaIssue } from '../validation/schema-issue'

export interface DeckProblem {
  file: string
  cardId?: string
  field: string
  /** In English, for deck authors. */
  message: string
  /** What valibot found, when it did: the learner's own cards word it in their language. */
  issue?: SchemaIssue
}

export function formatProblem(p: DeckProblem): string {
  const where = p.cardId !== undefined ? `card "${p.cardId}", field "${p.field}"` : `field "${p.field}"`
  return `${p.file}: ${where}: ${p.message}`
}

export interface CompileOptions {
  /** Known source sections; a card naming another one is refused. */
  sources?: ReadonlySet<string>
  /** Built-in decks must carry both languages on every text. */
  requireEnglish?: boolean
}

export type CompileResult = { ok: true; deck: CompiledDeck } | { ok: false; problems: DeckProblem[] }

function issuePath(issue: v.BaseIssue<unknown>): string {
  return (issue.path ?? []).map((p) => String(p.key)).join('.') || '(root)'
}

function localizedTexts(entry: DeckEntry): Array<[string, LocalizedText]> {
  switch (entry.kind) {
    case 'basic':
      return [['front', entry.front], ['back', entry.back]]
    case 'cloze':
      return entry.extra ? [['text', entry.text], ['extra', entry.extra]] : [['text', entry.text]]
    case 'choice':
      return [
        ['question', entry.question],
        ['explanation', entry.explanation],
        ...entry.options.map((o, i): [string, LocalizedText] => [`options.${i}.text`, o.text]),
      ]
    case 'interview':
      return [
        ['question', entry.question],
        ['answer', entry.answer],
        ...entry.keyPoints.map((k, i): [string, LocalizedText] => [`keyPoints.${i}`, k]),
      ]
  }
}

function entryProblems(entry: DeckEntry, opts: CompileOptions): Array<{ field: string; message: string }> {
  const out: Array<{ field: string; message: string }> = []
  if (opts.sources && !opts.sources.has(entry.source)) {
    out.push({ field: 'source', message: `unknown source section "${entry.source}"` })
  }
  if (opts.requireEnglish) {
    for (const [field, text] of localizedTexts(entry)) {
      if (typeof text === 'string' || text.en === undefined) out.push({ field, message: 'has no English version (en)' })
    }
  }
  if (entry.kind === 'cloze') {
    const versions = typeof entry.text === 'string' ? { fr: entry.text } : entry.text
    for (const [lang, text] of Object.entries(versions)) {
      if (text === undefined) continue
      for (const message of clozeProblems(text)) out.push({ field: `text.${lang}`, message })
    }
    if (typeof entry.text !== 'string' && entry.text.en !== undefined) {
      const gaps = (t: string) => clozeOrdinals(t).map((n) => `c${n}`).join(', ')
      const fr = gaps(entry.text.fr)
      const en = gaps(entry.text.en)
      if (fr !== en) out.push({ field: 'text.en', message: `gaps ${en} do not match the French gaps ${fr}` })
    }
  }
  if (entry.kind === 'choice') {
    if (entry.options.length < 3 || entry.options.length > 5) {
      out.push({ field: 'options', message: `has ${entry.options.length} options; 3 to 5 are needed` })
    }
    const correct = entry.options.filter((o) => o.correct).length
    if (correct !== 1) out.push({ field: 'options', message: `has ${correct} correct options; exactly one is needed` })
  }
  if (entry.kind === 'interview' && (entry.keyPoints.length < 3 || entry.keyPoints.length > 6)) {
    out.push({ field: 'keyPoints', message: `has ${entry.keyPoints.length} key points; 3 to 6 are needed` })
  }
  return out
}

function expand(entry: DeckEntry, deckId: string, position: number): CardContent[] {
  const base = {
    deckId,
    entryId: entry.id,
    source: entry.source,
    tags: entry.tags,
    position,
    hash: contentHash(entry),
    content: entry,
  }
  if (entry.kind !== 'cloze') return [{ ...base, id: entry.id, ord: 0 }]
  const fr = typeof entry.text === 'string' ? entry.text : entry.text.fr
  return clozeOrdinals(fr).map((ord) => ({ ...base, id: `${entry.id}-c${ord}`, ord }))
}

export function compileDeck(raw: unknown, file: string, opts: CompileOptions = {}): CompileResult {
  const problems: DeckProblem[] = []
  const head = v.safeParse(DeckFileSchema, raw)
  if (!head.success) {
    return { ok: false, problems: head.issues.map((i) => ({ file, field: issuePath(i), message: i.message, issue: schemaIssue(i) })) }
  }
  const cards: CardContent[] = []
  const seen = new Set<string>()
  head.output.cards.forEach((rawEntry, index) => {
    const rawId = (rawEntry as { id?: unknown } | null)?.id
    const label = typeof rawId === 'string' ? rawId : `#${index + 1}`
    const parsed = v.safeParse(EntrySchema, rawEntry)
    if (!parsed.success) {
      for (const i of parsed.issues) problems.push({ file, cardId: label, field: issuePath(i), message: i.message, issue: schemaIssue(i) })
      return
    }
    for (const p of entryProblems(parsed.output, opts)) problems.push({ file, cardId: label, ...p })
    for (const card of expand(parsed.output, head.output.id, index)) {
      if (seen.has(card.id)) problems.push({ file, cardId: card.id, field: 'id', message: 'duplicate id in this deck' })
      seen.add(card.id)
      cards.push(card)
    }
  })
  if (problems.length > 0) return { ok: false, problems }
  const deck: CompiledDeck = {
    id: head.output.id,
    title: head.output.title,
    hash: contentHash(cards.map((c) => c.hash)),
    cards,
  }
  if (head.output.description !== undefined) deck.description = head.output.description
  deck.hash = contentHash([deck.title, deck.description ?? null, deck.hash])
  return { ok: true, deck }
}

/** Compiles several deck files and checks ids across them. */
export function compileDecks(
  files: Array<{ file: string; raw: unknown }>,
  opts: CompileOptions = {},
): { decks: CompiledDeck[]; problems: DeckProblem[] } {
  const decks: CompiledDeck[] = []
  const problems: DeckProblem[] = []
  const deckIds = new Map<string, string>()
  const cardIds = new Map<string, string>()
  for (const { file, raw } of files) {
    const result = compileDeck(raw, file, opts)
    if (!result.ok) {
      problems.push(...result.problems)
      continue
    }
    const other = deckIds.get(result.deck.id)
    if (other !== undefined) {
      problems.push({ file, field: 'id', message: `deck id "${result.deck.id}" is already used by ${other}` })
    }
    deckIds.set(result.deck.id, file)
    for (const card of result.deck.cards) {
      const where = cardIds.get(card.id)
      if (where !== undefined && where !== file) {
        problems.push({ file, cardId: card.id, field: 'id', message: `duplicate id, also in ${where}` })
      }
      cardIds.set(card.id, file)
    }
    decks.push(result.deck)
  }
  return { decks, problems }
}
