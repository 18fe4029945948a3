// An import, planned before anything is written: rows checked by the deck schema, duplicates set
// aside, and the cards to add. Nothing is written unless every row is good.
import type { CardContent } from '../content/card'
import type { ParsedTable, RowProblem, TableRow } from './csv-table'
import { compileUserEntries, draftProblems, entryOf, issueOfDeckProblem, type CardDraft } from './user-entry'

export interface ImportPlan {
  /** Cards to add, in file order, positions from 0 (the repository puts them after the deck's cards). */
  cards: CardContent[]
  /** Rows that will become cards (a cloze row gives one card per gap). */
  rowsToAdd: number
  /** Rows whose front is already in the deck or earlier in the file: skipped, as Anki does. */
  duplicates: Array<{ line: number; earlierLine: number | null }>
  /** Every bad row, in file order; an import with any problem writes nothing. */
  problems: RowProblem[]
  /** The first rows as read, for the preview. */
  preview: TableRow[]
}

export const PREVIEW_ROWS = 5

/** The key two fronts are compared by: case, accents and spacing ignored. */
export function frontKey(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').replace(/\s+/g, ' ').trim().toLowerCase()
}

function draftOfRow(row: TableRow, source: string): CardDraft {
  return { kind: row.kind, front: row.front, back: row.back, options: [], tags: row.tags.join(' '), source }
}

export interface PlanOptions {
  deckId: string
  /** Fronts of the cards already in the deck. */
  existingFronts: Iterable<string>
  /** Ids for the new entries. */
  newId: () => string
  /** Stored as each card's source: where it came from (the file name). */
  source: string
}

export function planImport(table: ParsedTable, opts: PlanOptions): ImportPlan {
  const problems: RowProblem[] = [...table.problems]
  const duplicates: ImportPlan['duplicates'] = []
  const seen = new Map<string, number | null>()
  for (const f of opts.existingFronts) seen.set(frontKey(f), null)
  const entries: unknown[] = []
  const lineOf = new Map<string, number>()
  for (const row of table.rows) {
    const draft = draftOfRow(row, opts.source)
    const found = draftProblems(draft)
    if (found.length > 0) {
      const at = { line: row.line, ...(row.front ? { front: row.front } : {}) }
      for (const p of found) {
        if (p.code === 'tooLong') problems.push({ ...at, code: 'tooLong', field: p.field === 'back' ? 'back' : 'front', chars: p.chars, max: p.max })
        else if (p.code === 'tag') problems.push({ ...at, code: 'tag', tag: p.tag })
        else if (p.code === 'cloze') problems.push({ ...at, code: 'cloze', issue: p.issue })
        else if (p.code === 'schema') problems.push({ ...at, code: 'schema', issue: p.issue })
        else if (p.code === 'noGap') problems.push({ ...at, code: 'cloze', issue: { code: 'noGap' } })
        else problems.push({ ...at, code: p.field === 'back' ? 'emptyBack' : 'emptyFront' })
      }
      continue
    }
    const key = frontKey(row.front)
    if (seen.has(key)) {
      duplicates.push({ line: row.line, earlierLine: seen.get(key) ?? null })
      continue
    }
    seen.set(key, row.line)
    const id = opts.newId()
    lineOf.set(id, row.line)
    entries.push(entryOf(draft, id))
  }
  let cards: CardContent[] = []
  // The schema has the last word: anything it refuses is a problem of its row.
  const compiled = compileUserEntries(opts.deckId, entries)
  if (compiled.ok) cards = compiled.cards
  else {
    for (const p of compiled.problems) problems.push({ line: (p.cardId && lineOf.get(p.cardId)) || 0, code: 'schema', issue: issueOfDeckProblem(p) })
  }
  problems.sort((a, b) => a.line - b.line)
  return {
    cards: problems.length > 0 ? [] : cards,
    rowsToAdd: problems.length > 0 ? 0 : entries.length,
    duplicates,
    problems,
    preview: table.rows.slice(0, PREVIEW_ROWS),
  }
}
