// Numbered migration files (store/migrations/NNN_name.sql), applied in order on start, each once.
import { readdirSync, readFileSync } from 'node:fs'
import type { Db } from './db'

export interface Migration {
  version: number
  name: string
  sql: string
}

const DIR = new URL('./migrations/', import.meta.url)

export function loadMigrations(): Migration[] {
  return readdirSync(DIR)
    .filter((file) => /^\d{3}_[a-z0-9_]+\.sql$/.test(file))
    .sort()
    .map((file) => ({ version: Number(file.slice(0, 3)), name: file.replace(/\.sql$/, ''), sql: readFileSync(new URL(file, DIR), 'utf8') }))
}

/** Applies the migrations not yet applied, up to `upTo` (all by default); returns the versions applied. */
export async function migrate(db: Db, migrations = loadMigrations(), upTo = Infinity): Promise<number[]> {
  await db.query('CREATE TABLE IF NOT EXISTS schema_migrations (version integer PRIMARY KEY, name text NOT NULL)')
  const applied: number[] = []
  for (const migration of migrations) {
    if (migration.version > upTo) break
    const done = await db.transaction(async (tx) => {
      // Two servers starting on one database: the second waits, then finds the version applied.
      await tx.query('SELECT pg_advisory_xact_lock(18018)')
      const rows = await tx.query('SELECT 1 FROM schema_migrations WHERE version = $1', [migration.version])
      if (rows.length > 0) return true
      await tx.exec(migration.sql)
      await tx.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [migration.version, migration.name])
      return false
    })
    if (!done) applied.push(migration.version)
  }
  return applied
}
