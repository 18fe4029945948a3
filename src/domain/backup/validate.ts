// Checks a parsed backup completely before anything is written: header, every row, ids, references.
import * as v from 'valibot'
import { findForbiddenKey } from './decode'
import { BACKUP_FORMAT, BACKUP_FORMAT_VERSION, BACKUP_TABLES, PRIMARY_KEYS, type BackupFile, type Row } from './format'
import { withPlaces } from './places'
import { MAX_PROBLEMS, problemFromIssue, type BackupProblem } from './problems'
import { headerSchema, rowSchemas } from './schema'
import { schemaIssue } from '../validation/schema-issue'

export type Validation = { ok: true; backup: BackupFile } | { ok: false; problems: BackupProblem[] }

const isRecord = (x: unknown): x is Record<string, unknown> => x !== null && typeof x === 'object' && !Array.isArray(x)
const shown = (x: unknown) => {
  const s = JSON.stringify(x) ?? String(x)
  return s.length > 40 ? `${s.slice(0, 37)}…` : s
}

function versionProblem(found: unknown): BackupProblem | null {
  if (found === BACKUP_FORMAT_VERSION) return null
  if (typeof found === 'number' && Number.isInteger(found) && found > BACKUP_FORMAT_VERSION) {
    return { code: 'newerVersion', found, supported: BACKUP_FORMAT_VERSION }
  }
  return { code: 'badVersion', found: shown(found) }
}

function rowProblems(backup: BackupFile): BackupProblem[] {
  const schemas = rowSchemas(backup.exportedAt)
  const out: BackupProblem[] = []
  for (const table of BACKUP_TABLES) {
    const schema = schemas[table] as v.GenericSchema
    const rows = backup.tables[table]
    for (let i = 0; i < rows.length && out.length < MAX_PROBLEMS; i++) {
      const row = rows[i]
      const result = v.safeParse(schema, row)
      if (result.success) continue
      for (const issue of result.issues) out.push(problemFromIssue(schemaIssue(issue, [table, i])))
    }
  }
  return out.slice(0, MAX_PROBLEMS)
}

/** Duplicate primary keys, and rows pointing at a card or deck the file does not hold. */
function integrityProblems(backup: BackupFile): BackupProblem[] {
  const out: BackupProblem[] = []
  const ids = {} as Record<(typeof BACKUP_TABLES)[number], Set<string>>
  for (const table of BACKUP_TABLES) {
    const seen = new Set<string>()
    backup.tables[table].forEach((row: Row, i) => {
      const key = String(row[PRIMARY_KEYS[table]])
      if (seen.has(key)) out.push({ code: 'duplicateId', table, id: key, path: `${table}[${i}].${PRIMARY_KEYS[table]}` })
      seen.add(key)
    })
    ids[table] = seen
  }
  const { cards, schedules, reviews } = backup.tables
  cards.forEach((c, i) => {
    if (!ids.decks.has(c.deckId as string)) out.push({ code: 'unknownDeck', path: `cards[${i}].deckId`, deckId: c.deckId as string })
    if (!ids.schedules.has(c.id as string)) out.push({ code: 'noSchedule', path: `cards[${i}]`, cardId: c.id as string })
  })
  schedules.forEach((s, i) => {
    if (!ids.cards.has(s.cardId as string)) out.push({ code: 'unknownCard', path: `schedules[${i}].cardId`, cardId: s.cardId as string })
  })
  reviews.forEach((r, i) => {
    if (!ids.cards.has(r.cardId as string)) out.push({ code: 'unknownCard', path: `reviews[${i}].cardId`, cardId: r.cardId as string })
  })
  return out.slice(0, MAX_PROBLEMS)
}

/** Every check, in order; the first stage that finds something stops (later ones would only add noise). */
export function validateBackup(value: unknown, nowMs: number): Validation {
  const forbidden = findForbiddenKey(value)
  if (forbidden) return { ok: false, problems: [{ code: 'forbiddenKey', ...forbidden }] }
  if (!isRecord(value) || value.format !== BACKUP_FORMAT) return { ok: false, problems: [{ code: 'notBackup' }] }
  const version = versionProblem(value.formatVersion)
  if (version) return { ok: false, problems: [version] }

  const head = v.safeParse(headerSchema(nowMs), value)
  if (!head.success) return { ok: false, problems: head.issues.slice(0, MAX_PROBLEMS).map((i) => problemFromIssue(schemaIssue(i))) }
  // The original value, not valibot's copy: the data written is exactly the data read.
  const backup = value as unknown as BackupFile

  const counts: BackupProblem[] = BACKUP_TABLES.filter((t) => backup.counts[t] !== backup.tables[t].length).map((table) => ({
    code: 'countMismatch',
    table,
    declared: backup.counts[table],
    found: backup.tables[table].length,
  }))
  if (counts.length > 0) return { ok: false, problems: counts }

  const rows = rowProblems(backup)
  if (rows.length > 0) return { ok: false, problems: withPlaces(backup, rows) }
  const integrity = integrityProblems(backup)
  if (integrity.length > 0) return { ok: false, problems: withPlaces(backup, integrity) }
  return { ok: true, backup: withFlagColors(backup) }
}

/** A file from before flags had colours: a flagged card is red (1), as the database's version 4 made it. */
function withFlagColors(backup: BackupFile): BackupFile {
  if (!backup.tables.schedules.some((s) => 'flagged' in s)) return backup
  const schedules = backup.tables.schedules.map((row) => {
    if (!('flagged' in row)) return row
    const { flagged, ...rest } = row
    return flagged === true && !rest.flag ? { ...rest, flag: 1 } : rest
  })
  return { ...backup, tables: { ...backup.tables, schedules } }
}
