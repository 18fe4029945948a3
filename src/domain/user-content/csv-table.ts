// Reads CSV or TSV text in the shape Anki reads and writes: front, back, optional tags; Anki's
// "#key:value" header lines; an optional header row. Every bad row gets its own problem.
import Papa from 'papaparse'
import type { ClozeIssue } from '../content/cloze'
import type { SchemaIssue } from '../validation/schema-issue'

export type ImportKind = 'basic' | 'cloze'

/** A row that parsed: still to be checked against the deck schema (see import-plan.ts). */
export interface TableRow {
  /** Line of the file where the row starts (1-based), for messages. */
  line: number
  kind: ImportKind
  front: string
  back: string
  tags: string[]
}

/** A bad row: its line in the file (1-based) and, when it has one, its front, so the learner finds it. */
export type RowProblem = { line: number; front?: string } & (
  | { code: 'columns'; found: number; expected: number[] }
  | { code: 'quotes' }
  | { code: 'tooLong'; field: 'front' | 'back' | 'tags'; chars: number; max: number }
  | { code: 'emptyFront' }
  | { code: 'emptyBack' }
  | { code: 'tag'; tag: string }
  | { code: 'cloze'; issue: ClozeIssue }
  | { code: 'schema'; issue: SchemaIssue }
)

export type TableProblem = { code: 'noRows' } | { code: 'tooManyRows'; rows: number; max: number }

export interface TableOptions {
  /** 'auto' takes a first row naming the columns (front, back, tags…) as a header. */
  header?: 'auto' | 'yes' | 'no'
  /** The file name: `.tsv` means tabs; otherwise the separator is guessed. */
  fileName?: string
  maxRows?: number
  maxFieldChars?: number
}

export interface ParsedTable {
  delimiter: string
  /** The header row's cells, when the file has one. */
  header: string[] | null
  rows: TableRow[]
  problems: RowProblem[]
  /** Data rows read (good and bad), header and blank lines not counted. */
  dataRows: number
}

export type TableResult = { ok: true; table: ParsedTable } | { ok: false; problem: TableProblem }

export const MAX_IMPORT_ROWS = 10_000
/** A card side longer than this is a pasted document or a broken quote, not a flashcard. */
export const MAX_FIELD_CHARS = 10_000

const SEPARATORS: Record<string, string> = { tab: '\t', comma: ',', semicolon: ';', space: ' ', pipe: '|', colon: ':' }

const fold = (s: string) => s.normalize('NFD').replace(/\p{M}/gu, '').trim().toLowerCase()
const FRONT_NAMES = new Set(['front', 'recto', 'question', 'text', 'texte', 'avant', 'q'])
const BACK_NAMES = new Set(['back', 'verso', 'answer', 'reponse', 'extra', 'back extra', 'arriere', 'r', 'a'])
const TAG_NAMES = new Set(['tags', 'tag', 'etiquettes', 'etiquette', 'mots-cles'])

interface Meta {
  delimiter: string | null
  columns: string[] | null
  globalTags: string[]
  /** 1-based column numbers, as in Anki's headers. */
  notetypeColumn: number | null
  tagsColumn: number | null
  otherMeta: number[]
}

/** Anki's header lines ("#separator:tab", "#tags column:3"…) at the top of the file. */
function readMeta(lines: string[]): { meta: Meta; count: number } {
  const meta: Meta = { delimiter: null, columns: null, globalTags: [], notetypeColumn: null, tagsColumn: null, otherMeta: [] }
  let count = 0
  for (const raw of lines) {
    const line = raw.replace(/\r$/, '')
    if (!line.startsWith('#')) break
    count++
    const colon = line.indexOf(':')
    if (colon < 0) continue
    const key = line.slice(1, colon).trim().toLowerCase()
    const value = line.slice(colon + 1).trim()
    const column = Number.parseInt(value, 10)
    if (key === 'separator') meta.delimiter = SEPARATORS[value.toLowerCase()] ?? (value.length === 1 ? value : null)
    else if (key === 'tags') meta.globalTags = value.split(/\s+/).filter(Boolean)
    else if (key === 'columns') meta.columns = value.split(meta.delimiter ?? '\t').map((c) => c.trim())
    else if (key === 'notetype column' && column > 0) meta.notetypeColumn = column
    else if (key === 'tags column' && column > 0) meta.tagsColumn = column
    else if ((key === 'deck column' || key === 'guid column') && column > 0) meta.otherMeta.push(column)
  }
  return { meta, count }
}

/**
 * The separator that splits the first rows into the same number of columns (2 or more); tabs
 * first, as Anki. Papaparse's own guess is thrown off by a blank last line.
 */
function guessDelimiter(body: string, fileName: string | undefined): string {
  if (fileName && /\.tsv$/i.test(fileName)) return '\t'
  const sample = body.slice(0, 64 * 1024)
  let best = { delimiter: ',', score: 0 }
  for (const delimiter of ['\t', ';', ',', '|']) {
    const rows = Papa.parse<string[]>(sample, { delimiter, preview: 20, skipEmptyLines: 'greedy' }).data
    const widths = new Set(rows.map((r) => r.length))
    const width = rows[0]?.length ?? 0
    // Same width on every row beats a higher but ragged average.
    const score = width >= 2 && widths.size === 1 ? 1000 + width : rows.reduce((n, r) => n + r.length, 0) / Math.max(1, rows.length)
    if (score > best.score && score > 1) best = { delimiter, score }
  }
  return best.delimiter
}

function looksLikeHeader(cells: string[]): boolean {
  return cells.length >= 2 && FRONT_NAMES.has(fold(cells[0] ?? '')) && BACK_NAMES.has(fold(cells[1] ?? ''))
}

/** Which column holds what, and how many columns a row may have. */
interface Layout {
  front: number
  back: number
  tags: number | null
  notetype: number | null
  allowed: number[]
}

function layoutFor(meta: Meta, header: string[] | null): Layout {
  const metaCols = new Set([meta.notetypeColumn, ...meta.otherMeta].filter((c): c is number => c !== null).map((c) => c - 1))
  let tags = meta.tagsColumn !== null ? meta.tagsColumn - 1 : null
  if (tags === null && header) {
    const named = header.findIndex((h) => TAG_NAMES.has(fold(h)))
    if (named >= 0) tags = named
  }
  const width = header?.length ?? metaCols.size + 2 + (tags !== null ? 1 : 0)
  const fields: number[] = []
  for (let i = 0; fields.length < 3 && i < Math.max(width, metaCols.size + 3); i++) {
    if (!metaCols.has(i) && i !== tags) fields.push(i)
  }
  const [front = 0, back = 1, third] = fields
  if (header) {
    // Anki's shape: a third column with another name holds the tags all the same.
    if (tags === null && header.length === 3 && third === 2) tags = 2
    // Tags are optional: a row may stop before a last tags column.
    const allowed = tags === header.length - 1 ? [header.length, header.length - 1] : [header.length]
    return { front, back, tags, notetype: meta.notetypeColumn !== null ? meta.notetypeColumn - 1 : null, allowed }
  }
  const base = metaCols.size + 2
  const implicitTags = tags === null && third !== undefined ? third : null
  const allowed = tags !== null || implicitTags !== null ? [base + 1, base] : [base]
  return {
    front,
    back,
    tags: tags ?? implicitTags,
    notetype: meta.notetypeColumn !== null ? meta.notetypeColumn - 1 : null,
    allowed: [...new Set(allowed)].sort((a, b) => a - b),
  }
}

const TAG = /^[\p{L}\p{N}_:-]+$/u
const CLOZE_MARK = /\{\{c\d+::/

function toRow(cells: string[], line: number, layout: Layout, meta: Meta, maxChars: number, problems: RowProblem[]): TableRow | null {
  if (!layout.allowed.includes(cells.length)) {
    problems.push({ line, code: 'columns', found: cells.length, expected: layout.allowed })
    return null
  }
  const front = (cells[layout.front] ?? '').trim()
  const back = (cells[layout.back] ?? '').trim()
  const tagText = layout.tags !== null ? (cells[layout.tags] ?? '') : ''
  const before = problems.length
  for (const [field, value] of [['front', front], ['back', back], ['tags', tagText]] as const) {
    if (value.length > maxChars) problems.push({ line, code: 'tooLong', field, chars: value.length, max: maxChars })
  }
  if (problems.length > before) return null
  const notetype = layout.notetype !== null ? fold(cells[layout.notetype] ?? '') : ''
  const kind: ImportKind = notetype.includes('cloze') || notetype.includes('trous') || (!notetype && CLOZE_MARK.test(front)) ? 'cloze' : 'basic'
  const tags = [...new Set([...meta.globalTags, ...tagText.split(/\s+/).filter(Boolean)])]
  if (front === '') problems.push({ line, code: 'emptyFront' })
  if (back === '' && kind === 'basic') problems.push({ line, front, code: 'emptyBack' })
  const badTag = tags.find((t) => !TAG.test(t))
  if (badTag !== undefined) problems.push({ line, ...(front ? { front } : {}), code: 'tag', tag: badTag })
  if (problems.length > before) return null
  return { line, kind, front, back, tags }
}

export function parseCardTable(text: string, options: TableOptions = {}): TableResult {
  const maxRows = options.maxRows ?? MAX_IMPORT_ROWS
  const maxChars = options.maxFieldChars ?? MAX_FIELD_CHARS
  const lines = text.split('\n', 64)
  const { meta, count } = readMeta(lines)
  let offset = 0
  for (let i = 0; i < count; i++) offset = text.indexOf('\n', offset) + 1
  const body = text.slice(offset)
  const delimiter = meta.delimiter ?? guessDelimiter(body, options.fileName)

  const records: Array<{ cells: string[]; line: number; quotes: boolean }> = []
  let lineAt = count + 1
  let cursor = 0
  let tooMany = false
  Papa.parse<string[]>(body, {
    delimiter,
    quoteChar: '"',
    escapeChar: '"',
    step(result, parser) {
      const start = cursor
      cursor = result.meta.cursor
      const cells = result.data
      const line = lineAt
      for (let i = start; i < cursor; i++) if (body.charCodeAt(i) === 10) lineAt++
      if (cells.every((c) => c.trim() === '')) return
      if (records.length >= maxRows + 1) {
        tooMany = true
        parser.abort()
        return
      }
      records.push({ cells, line, quotes: result.errors.some((e) => e.type === 'Quotes') })
    },
  })

  let header: string[] | null = meta.columns
  const first = records[0]
  if (!header && first && (options.header === 'yes' || (options.header !== 'no' && looksLikeHeader(first.cells)))) {
    header = first.cells.map((c) => c.trim())
    records.shift()
  }
  if (tooMany || records.length > maxRows) return { ok: false, problem: { code: 'tooManyRows', rows: records.length, max: maxRows } }
  if (records.length === 0) return { ok: false, problem: { code: 'noRows' } }

  const layout = layoutFor(meta, header)
  const rows: TableRow[] = []
  const problems: RowProblem[] = []
  for (const r of records) {
    if (r.quotes) {
      problems.push({ line: r.line, code: 'quotes' })
      continue
    }
    const row = toRow(r.cells, r.line, layout, meta, maxChars, problems)
    if (row) rows.push(row)
  }
  return { ok: true, table: { delimiter, header, rows, problems, dataRows: records.length } }
}
