// `npm run bench:sync`, second part: a new device joins a space that holds 100,000 reviews, in
// Chromium against the real server of `npm start` (PGlite): the time from "Rejoindre" until its
// first sync has applied everything and home shows the counts (it can study with the learner's
// memory). The reviews are real encrypted records on the built-in cards, a few years of study.
import { spawn } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { randomBytes } from 'node:crypto'
import type { Page } from 'playwright-core'
import { launchBrowser, readStore, untilDecksWritten } from '../e2e/browser'
import { encryptChange } from '../../src/sync/cipher'
import { deriveSpaceSecrets, encodeSpaceKey, generateSpaceKey } from '../../src/sync/space-key'
import { envelope } from '../../src/domain/sync/records'
import { PROTOCOL_PATH } from '../../src/sync/protocol'

const REVIEWS = Number(process.env.BENCH_JOIN_REVIEWS ?? 100_000)
const PORT = Number(process.env.BENCH_JOIN_PORT ?? 4553)
const BASE = `http://127.0.0.1:${PORT}`
const ROOT = resolve(import.meta.dirname, '../..')
const dataDir = mkdtempSync(join(tmpdir(), 'pm-cards-bench-join-'))
const server = spawn('npx', ['tsx', 'server/main.ts'], {
  cwd: ROOT,
  stdio: 'ignore',
  detached: true,
  env: { ...process.env, PORT: String(PORT), DIST_DIR: process.env.E2E_DIST ?? 'dist-bench', DATA_DIR: dataDir, DATABASE_URL: '', SYNC_QUOTA_BYTES: String(1 << 30), SYNC_REQUESTS_PER_MINUTE_PER_SPACE: '100000', SYNC_REQUESTS_PER_MINUTE_PER_ADDRESS: '100000' },
})
const browser = await launchBrowser()
try {
  const start = Date.now()
  while (!(await fetch(`${BASE}/`).then((r) => r.ok, () => false))) {
    if (Date.now() - start > 90_000) throw new Error('the server did not start')
    await new Promise((r) => setTimeout(r, 200))
  }
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'fr-FR' })
  const page = await context.newPage()
  await page.goto(`${BASE}/`)
  await page.locator('[data-test="total-counts"]').waitFor()
  await untilDecksWritten(page)
  const cardIds = (await readStore<{ cardId: string; deckId: string }>(page, 'schedules')).map((s) => [s.cardId, s.deckId] as const)

  // The space: 100,000 answers spread over the cards, a few minutes apart.
  const key = generateSpaceKey()
  const secrets = await deriveSpaceSecrets(key)
  const auth = { authorization: `Bearer ${secrets.token}` }
  const spaceUrl = `${BASE}${PROTOCOL_PATH}/spaces/${secrets.spaceId}`
  if (!(await fetch(spaceUrl, { method: 'PUT', headers: auth })).ok) throw new Error('could not create the space')
  const t0 = Date.UTC(2024, 0, 1)
  const made = performance.now()
  for (let from = 0; from < REVIEWS; from += 500) {
    const changes = await Promise.all(
      Array.from({ length: Math.min(500, REVIEWS - from) }, async (_, k) => {
        const n = from + k
        const [cardId, deckId] = cardIds[n % cardIds.length]!
        const id = randomBytes(16).toString('base64url')
        const record = { k: 'review' as const, id: crypto.randomUUID(), cardId, deckId, grade: (n % 7 === 0 ? 1 : 3) as 1 | 3, reviewedAt: t0 + n * 7 * 60_000, durationMs: 6000, wasNew: n < cardIds.length }
        return { id, body: await encryptChange(secrets.cipherKey, secrets.spaceId, id, envelope(record)) }
      }),
    )
    const res = await fetch(`${spaceUrl}/changes`, { method: 'POST', headers: { ...auth, 'content-type': 'application/json' }, body: JSON.stringify({ changes }) })
    if (!res.ok) throw new Error(`push: ${res.status}`)
  }
  console.log(`space filled with ${REVIEWS} reviews in ${((performance.now() - made) / 1000).toFixed(1)} s`)

  /** A new device joins by the link: the time until its first sync is done and home shows the counts. */
  async function join(page: Page, what: string) {
    await page.goto(`${BASE}/sync/join#key=${encodeSpaceKey(key)}`)
    await page.locator('[data-test="sync-join-confirm"]').waitFor()
    const joined = performance.now()
    await page.locator('[data-test="sync-join-confirm"]').click()
    // It can study with the learner's memory once every schedule is written (the history follows),
    // or once the sync is done when the space is too small to be applied in steps.
    await page.waitForFunction(() => document.querySelector('[data-test="sync-progress"][data-phase="apply"]') || Number(document.querySelector('[data-test="sync-state"]')?.getAttribute('data-synced-at')) > 0, undefined, { timeout: 1_800_000, polling: 100 })
    const study = performance.now() - joined
    await page.waitForFunction(() => Number(document.querySelector('[data-test="sync-state"]')?.getAttribute('data-synced-at')) > 0 && !document.querySelector('[data-test="sync-now"]')?.hasAttribute('disabled'), undefined, { timeout: 1_800_000, polling: 500 })
    const synced = performance.now() - joined
    await page.goto(`${BASE}/`)
    await page.locator('[data-test="total-counts"]').waitFor()
    const ready = performance.now() - joined
    const count = (await readStore(page, 'reviews')).length
    console.log(`new device joining a space of ${REVIEWS} reviews ${what} (Chromium, PGlite): schedules written (can study) in ${(study / 1000).toFixed(1)} s, first sync done in ${(synced / 1000).toFixed(1)} s, home with the counts in ${(ready / 1000).toFixed(1)} s; ${count} reviews on the device`)
    if (count !== REVIEWS) throw new Error(`expected ${REVIEWS} reviews on the device, found ${count}`)
  }
  await join(page, 'from every change')
  // That device, having applied a long log, uploaded a snapshot: the next one starts from it.
  // (after its sync is done, not awaited by it)
  let snapshot = await fetch(`${spaceUrl}/snapshot`, { headers: auth })
  for (const waitUntil = Date.now() + 600_000; !snapshot.ok && Date.now() < waitUntil; snapshot = await fetch(`${spaceUrl}/snapshot`, { headers: auth })) await new Promise((r) => setTimeout(r, 500))
  if (!snapshot.ok) throw new Error(`no snapshot was uploaded (${snapshot.status})`)
  console.log(`snapshot uploaded by the first device: ${((await snapshot.arrayBuffer()).byteLength / 1e6).toFixed(2)} MB, up to change ${snapshot.headers.get('x-snapshot-upto')}`)
  const second = await (await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'fr-FR' })).newPage()
  await second.goto(`${BASE}/`)
  await second.locator('[data-test="total-counts"]').waitFor()
  await join(second, 'from its snapshot')
} finally {
  await browser.close()
  if (server.pid) process.kill(-server.pid, 'SIGKILL')
  rmSync(dataDir, { recursive: true, force: true })
}
