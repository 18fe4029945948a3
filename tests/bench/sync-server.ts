// `npm run bench:sync`: the sync server over real HTTP on PGlite and on PostgreSQL (TEST_DATABASE_URL,
// else a throwaway cluster): 200 simulated devices, each in its own space, push a day of answers
// (200 real encrypted review records, in bursts of 10, 20 devices at a time); prints push p50/p95
// and changes per second, and the bytes a learner's day leaves in the tables.
import { serve } from '@hono/node-server'
import { randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createApp } from '../../server/app'
import { DEFAULT_LIMITS } from '../../server/http/limits'
import { openPglite, openPostgres, type Db } from '../../server/store/db'
import { migrate } from '../../server/store/migrate'
import { SyncStore } from '../../server/store/sync-store'
import { encryptChange } from '../../src/sync/cipher'
import { deriveSpaceSecrets, generateSpaceKey } from '../../src/sync/space-key'
import { envelope } from '../../src/domain/sync/records'
import { PROTOCOL_PATH } from '../../src/sync/protocol'
import { findPostgresBin, startCluster } from '../server/pg-cluster'

const DEVICES = Number(process.env.BENCH_DEVICES ?? 200)
const ANSWERS = Number(process.env.BENCH_DAY_ANSWERS ?? 200)
const BURST = 10
const CONCURRENCY = 20
const PORT = Number(process.env.BENCH_SYNC_PORT ?? 4552)

const quantile = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!

async function device(i: number) {
  const secrets = await deriveSpaceSecrets(generateSpaceKey())
  const day = Date.UTC(2026, 11, 4, 7)
  const bursts: { id: string; body: string }[][] = []
  for (let b = 0; b < ANSWERS / BURST; b++) {
    bursts.push(
      await Promise.all(
        Array.from({ length: BURST }, async (_, k) => {
          const id = randomBytes(16).toString('base64url')
          const record = { k: 'review' as const, id: crypto.randomUUID(), cardId: `card-${i}-${b}-${k}-some-deck-card-id`, deckId: 'pm-role', grade: 3 as const, reviewedAt: day + (b * BURST + k) * 9000, durationMs: 6400, wasNew: false }
          return { id, body: await encryptChange(secrets.cipherKey, secrets.spaceId, id, envelope(record)) }
        }),
      ),
    )
  }
  return { secrets, bursts }
}

async function run(name: string, db: Db) {
  await migrate(db)
  const app = createApp({ store: new SyncStore(db), log: () => {}, limits: { ...DEFAULT_LIMITS, perAddress: { limit: 1e9, windowMs: 60_000 }, perSpace: { limit: 1e9, windowMs: 60_000 }, creationsPerAddress: { limit: 1e9, windowMs: 60_000 } } })
  const server = serve({ fetch: app.fetch, port: PORT, hostname: '127.0.0.1' })
  const base = `http://127.0.0.1:${PORT}${PROTOCOL_PATH}/spaces`
  const devices = await Promise.all(Array.from({ length: DEVICES }, (_, i) => device(i)))
  for (const d of devices) await fetch(`${base}/${d.secrets.spaceId}`, { method: 'PUT', headers: { authorization: `Bearer ${d.secrets.token}` } })
  const latencies: number[] = []
  let bodyBytes = 0
  const started = performance.now()
  let next = 0
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < devices.length) {
        const d = devices[next++]!
        for (const changes of d.bursts) {
          const body = JSON.stringify({ changes })
          bodyBytes += body.length
          const t = performance.now()
          const res = await fetch(`${base}/${d.secrets.spaceId}/changes`, { method: 'POST', headers: { authorization: `Bearer ${d.secrets.token}`, 'content-type': 'application/json' }, body })
          await res.arrayBuffer()
          if (!res.ok) throw new Error(`push: ${res.status}`)
          latencies.push(performance.now() - t)
        }
      }
    }),
  )
  const seconds = (performance.now() - started) / 1000
  latencies.sort((a, b) => a - b)
  const stored = (await db.query<{ rows: number; bytes: number }>('SELECT count(*)::bigint AS rows, sum(octet_length(body) + octet_length(change_id) + octet_length(space_id) + 16)::bigint AS bytes FROM sync_changes'))[0]!
  server.close()
  const changes = DEVICES * ANSWERS
  console.log(
    `${name}: ${DEVICES} devices x ${ANSWERS} answers in pushes of ${BURST}: push p50 ${quantile(latencies, 0.5).toFixed(1)} ms, p95 ${quantile(latencies, 0.95).toFixed(1)} ms, ` +
      `${Math.round(changes / seconds)} changes/s; per learner-day: ${Number(stored.rows) / DEVICES} rows, ${Math.round(Number(stored.bytes) / DEVICES)} bytes stored, ` +
      `${Math.round(bodyBytes / DEVICES)} bytes pushed in ${ANSWERS / BURST} requests`,
  )
}

const dir = mkdtempSync(join(tmpdir(), 'pm-cards-bench-'))
try {
  const pglite = await openPglite(join(dir, 'pglite'))
  await run('PGlite', pglite)
  await pglite.close()
  let url = process.env.TEST_DATABASE_URL
  let stop = () => {}
  if (!url) {
    const bin = findPostgresBin()
    if (bin) {
      const cluster = await startCluster(bin)
      url = cluster.url
      stop = cluster.stop
    }
  }
  if (url) {
    const pg = await openPostgres(url)
    await run('PostgreSQL', pg)
    await pg.close()
  } else console.log('PostgreSQL: not run (no TEST_DATABASE_URL and no initdb)')
  stop()
} finally {
  rmSync(dir, { recursive: true, force: true })
}
