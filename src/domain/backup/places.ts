// Where a backup problem lies, in terms a learner can act on: the row (1-based), the card it is
// about (its question, read from the file itself), and the line of the file.
import { renderCloze } from '../content/cloze'
import type { LocalizedText } from '../content/localized'
import { BACKUP_TABLES, PRIMARY_KEYS, type BackupFile, type BackupTableName, type Row } from './format'
import type { BackupProblem, RowPlace } from './problems'

const isRecord = (x: unknown): x is Record<string, unknown> => x !== null && typeof x === 'object' && !Array.isArray(x)
const isTable = (x: unknown): x is BackupTableName => (BACKUP_TABLES as readonly unknown[]).includes(x)

/** A text field of a card as the file holds it: a string, or { fr, en }; null when it is neither. */
function localized(x: unknown, map: (s: string) => string): LocalizedText | null {
  if (typeof x === 'string') return map(x)
  if (!isRecord(x) || typeof x.fr !== 'string') return null
  return typeof x.en === 'string' ? { fr: map(x.fr), en: map(x.en) } : { fr: map(x.fr) }
}

/** A card row's question, gaps hidden as on the card; null when the row is too broken to tell. */
export function cardQuestion(card: unknown): LocalizedText | null {
  if (!isRecord(card) || !isRecord(card.content)) return null
  const c = card.content
  const ord = typeof card.ord === 'number' ? card.ord : 1
  switch (c.kind) {
    case 'basic':
      return localized(c.front, (s) => s)
    case 'cloze':
      return localized(c.text, (s) => renderCloze(s, ord, false).map((x) => x.text).join(''))
    case 'choice':
    case 'interview':
      return localized(c.question, (s) => s)
    default:
      return null
  }
}

/** The card a row of `table` is about: the row itself, or the card its `cardId` names. */
function cardIdOf(table: BackupTableName, row: unknown): string | null {
  if (!isRecord(row)) return null
  const id = table === 'cards' ? row.id : table === 'schedules' || table === 'reviews' ? row.cardId : null
  return typeof id === 'string' ? id : null
}

/** `reviews[3].cardId` → ['reviews', 3]: the table and index a problem's path starts with. */
function rowOf(p: BackupProblem): [unknown, number] | null {
  const m = 'path' in p ? /^(\w+)\[(\d+)\]/.exec(p.path) : null
  return m ? [m[1], Number(m[2])] : null
}

/** Fills in where each problem in a row lies (problems in the header have no row). */
export function withPlaces(backup: BackupFile, problems: BackupProblem[]): BackupProblem[] {
  let cards: Map<string, Row> | null = null
  const cardById = (id: string) => {
    cards ??= new Map(backup.tables.cards.filter(isRecord).map((c) => [String(c.id), c]))
    return cards.get(id)
  }
  return problems.map((p) => {
    const at = rowOf(p)
    if (!at || !isTable(at[0])) return p
    const [table, index] = at
    const row = backup.tables[table][index]
    const place: RowPlace = { table, row: index + 1 }
    const key = isRecord(row) ? row[PRIMARY_KEYS[table]] : undefined
    if (typeof key === 'string') place.id = key
    const cardId = cardIdOf(table, row)
    const question = cardId === null ? null : cardQuestion(table === 'cards' ? row : cardById(cardId))
    if (question !== null) place.card = question
    if (table === 'decks' && isRecord(row)) {
      const title = localized(row.title, (s) => s)
      if (title !== null) place.deck = title
    }
    return { ...p, place }
  })
}

/**
 * The line (1-based) of each row problem, when the file is laid out as the app writes it (one row a
 * line, each table opening on a line of its own); a file laid out otherwise keeps row numbers only.
 */
export function withLines(text: string, problems: BackupProblem[]): BackupProblem[] {
  const lineCache = new Map<BackupTableName, number | null>()
  const tableLine = (table: BackupTableName): number | null => {
    if (!lineCache.has(table)) {
      const at = text.indexOf(`\n${JSON.stringify(table)}:[\n`)
      let line: number | null = null
      if (at >= 0) {
        line = 2
        for (let i = text.indexOf('\n'); i >= 0 && i < at; i = text.indexOf('\n', i + 1)) line++
      }
      lineCache.set(table, line)
    }
    return lineCache.get(table)!
  }
  return problems.map((p) => {
    if (!('place' in p) || !p.place) return p
    const first = tableLine(p.place.table)
    if (first === null) return p
    const line = first + p.place.row
    // The row must really be there: its line opens an object holding its id.
    const start = nthLineStart(text, line)
    const end = start < 0 ? -1 : text.indexOf('\n', start)
    const content = start < 0 ? '' : text.slice(start, end < 0 ? undefined : end)
    const id = p.place.id
    const found = content.startsWith('{') && (id === undefined || content.includes(JSON.stringify(id)))
    return found ? { ...p, place: { ...p.place, line } } : p
  })
}

/** Offset where the 1-based `line` starts, or -1. */
function nthLineStart(text: string, line: number): number {
  let at = 0
  for (let l = 1; l < line; l++) {
    at = text.indexOf('\n', at) + 1
    if (at === 0) return -1
  }
  return at
}
