import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Db } from '../../server/store/db'
import { loadMigrations, migrate } from '../../server/store/migrate'
import { backends } from './backends'

// What each migration must leave behind: tables and their columns.
const EXPECTED: Record<number, Record<string, string[]>> = {
  1: {
    sync_spaces: ['last_seq', 'pruned_through', 'space_id', 'stored_bytes', 'token_hash'],
    sync_changes: ['body', 'change_id', 'seq', 'space_id'],
    sync_snapshots: ['body', 'space_id', 'upto_seq'],
  },
}

async function columns(db: Db) {
  const rows = await db.query<{ table_name: string; column_name: string }>(
    "SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = 'public' AND table_name <> 'schema_migrations' ORDER BY table_name, column_name",
  )
  const tables: Record<string, string[]> = {}
  for (const row of rows) (tables[row.table_name] ??= []).push(row.column_name)
  return tables
}

describe.each(backends())('migrations on $name', (backend) => {
  let db: Db
  beforeAll(async () => {
    db = await backend.open()
  })
  afterAll(() => db?.close())

  it('has a test for every migration file, numbered from 1 without gaps', () => {
    const versions = loadMigrations().map((m) => m.version)
    expect(versions).toEqual(versions.map((_, i) => i + 1))
    expect(Object.keys(EXPECTED).map(Number)).toEqual(versions)
  })

  it('applies each migration in order, then none twice', async () => {
    let expected: Record<string, string[]> = {}
    for (const { version } of loadMigrations()) {
      expect(await migrate(db, loadMigrations(), version)).toEqual([version])
      expected = { ...expected, ...EXPECTED[version] }
      expect(await columns(db)).toEqual(Object.fromEntries(Object.entries(expected).sort(([a], [b]) => a.localeCompare(b))))
    }
    expect(await migrate(db)).toEqual([])
  })

  it('keys every table by the space, first in its primary key (the distribution column on Citus)', async () => {
    const rows = await db.query<{ table_name: string; column_name: string }>(
      `SELECT tc.table_name, kcu.column_name FROM information_schema.table_constraints tc
       JOIN information_schema.key_column_usage kcu ON kcu.constraint_name = tc.constraint_name AND kcu.table_name = tc.table_name
       WHERE tc.constraint_type = 'PRIMARY KEY' AND tc.table_schema = 'public' AND tc.table_name <> 'schema_migrations' AND kcu.ordinal_position = 1`,
    )
    expect(rows.length).toBe(Object.keys(await columns(db)).length)
    for (const row of rows) expect(row.column_name, row.table_name).toBe('space_id')
  })
})
