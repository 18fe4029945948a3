// The databases every server test runs on: PGlite always, PostgreSQL when the setup provides one
// (each test file gets a database of its own there, dropped at the end).
import { inject } from 'vitest'
import { randomBytes } from 'node:crypto'
import { openPglite, openPostgres, type Db } from '../../server/store/db'

export interface Backend {
  name: 'PGlite' | 'PostgreSQL'
  /** An empty database; close() drops it. */
  open(): Promise<Db>
}

async function freshPostgres(adminUrl: string): Promise<Db> {
  const name = `t_${randomBytes(6).toString('hex')}`
  const admin = await openPostgres(adminUrl)
  await admin.query(`CREATE DATABASE ${name}`)
  const url = new URL(adminUrl)
  url.pathname = `/${name}`
  const db = await openPostgres(url.toString())
  return {
    ...db,
    close: async () => {
      await db.close()
      await admin.query(`DROP DATABASE ${name}`)
      await admin.close()
    },
  }
}

export function backends(): Backend[] {
  const url = inject('postgresUrl')
  const list: Backend[] = [{ name: 'PGlite', open: () => openPglite() }]
  if (url) list.push({ name: 'PostgreSQL', open: () => freshPostgres(url) })
  return list
}
