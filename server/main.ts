// `npm start`: the built app and the sync server on one origin. PGlite in ./data by default,
// DATABASE_URL for a real PostgreSQL 15+. Settings come from the environment (see README).
import { serve } from '@hono/node-server'
import { openDatabase } from './store/db'
import { migrate } from './store/migrate'
import { SyncStore } from './store/sync-store'
import { createApp } from './app'
import { limitsFromEnv } from './http/limits'

const env = process.env
const port = Number(env.PORT ?? 4173)
const host = env.HOST ?? '127.0.0.1'
const db = await openDatabase({ databaseUrl: env.DATABASE_URL, dataDir: env.DATA_DIR ?? './data' })
const applied = await migrate(db)
const app = createApp({
  store: new SyncStore(db),
  distDir: env.DIST_DIR ?? 'dist',
  limits: limitsFromEnv(env),
  corsOrigins: env.CORS_ORIGINS?.split(',').map((origin) => origin.trim()).filter(Boolean),
  trustProxy: env.TRUST_PROXY === '1',
})
const server = serve({ fetch: app.fetch, port, hostname: host }, () => {
  const storage = db.kind === 'postgres' ? 'PostgreSQL (DATABASE_URL)' : `PGlite in ${env.DATA_DIR ?? './data'}`
  console.log(`PM Cards at http://${host}:${port}/ with sync on ${storage}${applied.length ? `, migrations ${applied.join(', ')} applied` : ''}`)
})

let closing = false
const close = () => {
  if (closing) return
  closing = true
  server.close()
  void db.close().finally(() => process.exit(0))
}
process.on('SIGINT', close)
process.on('SIGTERM', close)
