// One small query interface over PGlite (embedded, the default) and a real PostgreSQL (DATABASE_URL):
// the store runs the same parameterised SQL on both.
import { mkdirSync } from 'node:fs'

export type Row = Record<string, unknown>

export interface Queryable {
  /** Parameterised SQL only ($1, $2, …): values never go into the text. */
  query<T extends Row = Row>(sql: string, params?: unknown[]): Promise<T[]>
}

export interface Transaction extends Queryable {
  /** Several statements, no parameters: migration files only. */
  exec(sql: string): Promise<void>
}

export interface Db extends Queryable {
  readonly kind: 'pglite' | 'postgres'
  transaction<T>(work: (tx: Transaction) => Promise<T>): Promise<T>
  close(): Promise<void>
}

export async function openPglite(dataDir?: string): Promise<Db> {
  const { PGlite } = await import('@electric-sql/pglite')
  if (dataDir) mkdirSync(dataDir, { recursive: true })
  const pg = await PGlite.create(dataDir)
  return {
    kind: 'pglite',
    query: async <T extends Row>(sql: string, params: unknown[] = []) => (await pg.query<T>(sql, params)).rows,
    transaction: (work) =>
      pg.transaction((tx) =>
        work({
          query: async <T extends Row>(sql: string, params: unknown[] = []) => (await tx.query<T>(sql, params)).rows,
          exec: async (sql) => {
            await tx.exec(sql)
          },
        }),
      ),
    close: () => pg.close(),
  }
}

export async function openPostgres(url: string): Promise<Db> {
  const { default: pg } = await import('pg')
  // bigint columns (sequence numbers, byte counts) come back as numbers: they stay far below 2^53.
  pg.types.setTypeParser(pg.types.builtins.INT8, (v) => Number(v))
  const pool = new pg.Pool({ connectionString: url, max: 10 })
  pool.on('error', () => {
    // A dropped idle connection: the pool replaces it; the next query reports real failures.
  })
  const query = async <T extends Row>(sql: string, params: unknown[] = []) => (await pool.query<T>(sql, params)).rows
  return {
    kind: 'postgres',
    query,
    transaction: async (work) => {
      const client = await pool.connect()
      try {
        await client.query('BEGIN')
        const result = await work({
          query: async <T extends Row>(sql: string, params: unknown[] = []) => (await client.query<T>(sql, params)).rows,
          exec: async (sql) => {
            await client.query(sql)
          },
        })
        await client.query('COMMIT')
        return result
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined)
        throw error
      } finally {
        client.release()
      }
    },
    close: () => pool.end(),
  }
}

/** DATABASE_URL when set, else PGlite in `dataDir` (created on first start). */
export function openDatabase(options: { databaseUrl?: string; dataDir: string }): Promise<Db> {
  return options.databaseUrl ? openPostgres(options.databaseUrl) : openPglite(options.dataDir)
}
