import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { mkdtempSync, mkdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs'
import { brotliCompressSync, brotliDecompressSync } from 'node:zlib'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { randomBytes } from 'node:crypto'
import type { Db } from '../../server/store/db'
import { changeId, harness, key32, migrated } from './server-harness'
import { backends } from './backends'

const change = () => ({ id: changeId(), body: randomBytes(40).toString('base64url') })

/** Every row of every table, as text: what a dump of the server's database would hold. */
async function dump(db: Db) {
  const tables = await db.query<{ table_name: string }>("SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'")
  const parts: string[] = []
  for (const { table_name } of tables) {
    for (const row of await db.query(`SELECT * FROM ${table_name}`)) {
      parts.push(JSON.stringify(row, (_, value) => (value instanceof Uint8Array ? Buffer.from(value).toString('hex') + ' ' + Buffer.from(value).toString('latin1') : value)))
    }
  }
  return parts.join('\n')
}

describe.each(backends())('hostile requests on $name', (backend) => {
  let db: Db
  beforeAll(async () => {
    db = await migrated(await backend.open())
  })
  afterAll(() => db?.close())

  it('gives the same 401 for no token, a wrong token and a space that does not exist', async () => {
    const h = harness(db)
    const { spaceId } = await h.space()
    const answers = await Promise.all([
      h.pull(spaceId, '', 0),
      h.request(`/spaces/${spaceId}/changes?after=0`, { headers: { authorization: 'Basic abc' } }),
      h.pull(spaceId, key32(), 0),
      h.pull(key32(), key32(), 0),
      h.push(spaceId, key32(), [change()]),
      h.request(`/spaces/${spaceId}`, { method: 'DELETE', token: key32() }),
      h.request(`/spaces/${spaceId}/snapshot`, { token: key32() }),
    ])
    for (const res of answers) {
      expect(res.status).toBe(401)
      expect(await res.text()).toBe('{"error":"unauthorized"}')
    }
  })

  it('answers 400 to anything the protocol does not allow, once the token is right', async () => {
    const h = harness(db)
    const { spaceId, token } = await h.space()
    const bad = [
      h.request(`/spaces/${spaceId}/changes`, { method: 'POST', token, body: '{not json' }),
      h.request(`/spaces/${spaceId}/changes`, { method: 'POST', token, body: JSON.stringify({ changes: [] }) }),
      h.request(`/spaces/${spaceId}/changes`, { method: 'POST', token, body: JSON.stringify({ changes: [{ id: 'x', body: 'AA' }] }) }),
      h.request(`/spaces/${spaceId}/changes`, { method: 'POST', token, body: JSON.stringify({ changes: [{ ...change(), extra: 1 }] }) }),
      h.request(`/spaces/${spaceId}/changes`, { method: 'POST', token, body: JSON.stringify({ changes: [{ id: changeId(), body: 'not base64!' }] }) }),
      h.push(spaceId, token, [change(), change()].map((c, _, all) => ({ ...c, id: all[0]!.id }))),
      h.request(`/spaces/${spaceId}/changes?after=-1`, { token }),
      h.request(`/spaces/${spaceId}/changes?after=0&limit=100000`, { token }),
      h.request(`/spaces/${spaceId}/changes?after=0&sql=1`, { token }),
      h.request(`/spaces/${spaceId}/snapshot?upto=1`, { method: 'PUT', token, body: 'x', headers: { 'content-type': 'text/plain' } }),
      h.request(`/spaces/not-a-space/changes?after=0`, { token }),
      h.request(`/spaces/${spaceId}'%3B DROP TABLE sync_changes--/changes?after=0`, { token }),
    ]
    for (const res of await Promise.all(bad)) expect(res.status).toBe(400)
    expect((await h.pull(spaceId, token, 0)).status).toBe(200)
  })

  it('refuses a body over the limit with 413, before reading it all', async () => {
    const h = harness(db, { limits: { pushBytes: 10_000, snapshotBytes: 20_000 } })
    const { spaceId, token } = await h.space()
    const huge = JSON.stringify({ changes: Array.from({ length: 300 }, change) })
    expect((await h.request(`/spaces/${spaceId}/changes`, { method: 'POST', token, body: huge })).status).toBe(413)
    expect((await h.request(`/spaces/${spaceId}/snapshot?upto=0`, { method: 'PUT', token, body: randomBytes(30_000), headers: { 'content-type': 'application/octet-stream' } })).status).toBe(413)
    // Without a token the size does not matter: the answer is 401 or 413, never a stored change.
    expect([401, 413]).toContain((await h.request(`/spaces/${spaceId}/changes`, { method: 'POST', body: huge })).status)
    expect((await (await h.pull(spaceId, token, 0)).json()).lastSeq).toBe(0)
  })

  it('limits a flood per address and per space with 429 and Retry-After', async () => {
    let now = 1_000_000
    const h = harness(db, { limits: { perAddress: { limit: 5, windowMs: 60_000 }, perSpace: { limit: 8, windowMs: 60_000 } }, now: () => now })
    const { spaceId, token } = await h.space()
    const statuses = []
    for (let i = 0; i < 7; i++) statuses.push((await h.request(`/spaces/${spaceId}/changes?after=0`, { token, address: '198.51.100.7' })).status)
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429, 429])
    const limited = await h.request(`/spaces/${spaceId}/changes?after=0`, { token, address: '198.51.100.7' })
    expect(limited.headers.get('retry-after')).toBe('60')
    // The same space from other addresses: the space's own limit (8, one used by its creation's check) holds.
    const others = []
    for (let i = 0; i < 4; i++) others.push((await h.request(`/spaces/${spaceId}/changes?after=0`, { token, address: `203.0.113.${i}` })).status)
    expect(others).toEqual([200, 200, 200, 429])
    now += 60_000
    expect((await h.request(`/spaces/${spaceId}/changes?after=0`, { token, address: '198.51.100.7' })).status).toBe(200)
  })

  it('limits how many spaces one address creates', async () => {
    const h = harness(db, { limits: { creationsPerAddress: { limit: 2, windowMs: 3_600_000 } } })
    const statuses = []
    for (let i = 0; i < 3; i++) statuses.push((await h.request(`/spaces/${key32()}`, { method: 'PUT', token: key32(), address: '198.51.100.9' })).status)
    expect(statuses).toEqual([201, 201, 429])
  })

  it('never writes a token to the log or the tables', async () => {
    const h = harness(db)
    const { spaceId, token } = await h.space()
    const wrong = key32()
    await h.push(spaceId, token, [change()])
    await h.pull(spaceId, wrong, 0)
    await h.request(`/spaces/${spaceId}/changes?after=0&token=${token}`, { token })
    const text = h.logs.join('\n') + (await dump(db))
    expect(h.logs.length).toBeGreaterThan(3)
    for (const secret of [token, wrong, Buffer.from(token, 'base64url').toString('hex')]) expect(text).not.toContain(secret)
  })

  it('sends security headers on every answer and no CORS header unless configured', async () => {
    const h = harness(db)
    const { spaceId, token } = await h.space()
    const answers = await Promise.all([h.pull(spaceId, token, 0), h.pull(spaceId, '', 0), h.request('/nowhere'), h.request(`/spaces/${spaceId}/changes?after=x`, { token })])
    for (const res of answers) {
      expect(res.headers.get('content-security-policy')).toContain("default-src 'self'")
      expect(res.headers.get('content-security-policy')).toContain("frame-ancestors 'none'")
      expect(res.headers.get('x-content-type-options')).toBe('nosniff')
      expect(res.headers.get('x-frame-options')).toBe('SAMEORIGIN')
      expect(res.headers.get('referrer-policy')).toBe('no-referrer')
      expect(res.headers.get('cache-control')).toBe('no-store')
      expect(res.headers.get('access-control-allow-origin')).toBeNull()
    }
    const preflight = await h.request(`/spaces/${spaceId}/changes`, { method: 'OPTIONS', headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' } })
    expect(preflight.headers.get('access-control-allow-origin')).toBeNull()
    const open = harness(db, { corsOrigins: ['https://cards.example'] })
    const allowed = await open.request(`/spaces/${spaceId}/changes`, { method: 'OPTIONS', headers: { origin: 'https://cards.example', 'access-control-request-method': 'POST' } })
    expect(allowed.headers.get('access-control-allow-origin')).toBe('https://cards.example')
    const refused = await open.request(`/spaces/${spaceId}/changes?after=0`, { token, headers: { origin: 'https://evil.example' } })
    expect(refused.headers.get('access-control-allow-origin')).toBeNull()
  })

  it('serves the app: files with their headers, routes as index.html, a missing file as 404', async () => {
    const dist = mkdtempSync(join(tmpdir(), 'pm-cards-dist-'))
    mkdirSync(join(dist, 'assets'))
    writeFileSync(join(dist, 'index.html'), '<!doctype html><title>PM Cards</title>')
    writeFileSync(join(dist, 'sw.js'), 'self.addEventListener("fetch", () => {})')
    writeFileSync(join(dist, 'assets', 'index-abc123.js'), 'console.log(1)')
    writeFileSync(join(dist, 'assets', 'optimizer-worker-abc123.js'), 'self.onmessage = () => {}')
    writeFileSync(join(dist, 'assets', 'index-abc123.js.br'), brotliCompressSync('console.log(1)'))
    const h = harness(db, { distDir: dist })
    const page = await h.request('/review')
    expect(page.status).toBe(200)
    expect(await page.text()).toContain('<title>PM Cards</title>')
    const sw = await h.request('/sw.js')
    expect(sw.headers.get('cache-control')).toBe('no-cache')
    expect(sw.headers.get('content-type')).toContain('javascript')
    const asset = await h.request('/assets/index-abc123.js')
    expect(asset.headers.get('cache-control')).toContain('immutable')
    expect(asset.headers.get('content-encoding')).toBeNull()
    // The build's brotli copy, to a browser that accepts it.
    const compressed = await h.request('/assets/index-abc123.js', { headers: { 'Accept-Encoding': 'gzip, deflate, br' } })
    expect(compressed.headers.get('content-encoding')).toBe('br')
    expect(compressed.headers.get('vary')).toContain('Accept-Encoding')
    expect(compressed.headers.get('cache-control')).toContain('immutable')
    expect(brotliDecompressSync(Buffer.from(await compressed.arrayBuffer())).toString()).toBe('console.log(1)')
    expect((await h.request('/assets/gone-000.js')).status).toBe(404)
    expect((await h.request('/../package.json')).status).not.toBe(200)
    for (const res of [page, sw, asset]) expect(res.headers.get('content-security-policy')).toContain("script-src 'self';")
    // Only the optimiser's worker may compile WebAssembly (fsrs-browser); JavaScript's eval stays refused.
    const worker = await h.request('/assets/optimizer-worker-abc123.js')
    expect(worker.status).toBe(200)
    expect(worker.headers.get('content-security-policy')).toContain("script-src 'self' 'wasm-unsafe-eval';")
    expect(worker.headers.get('content-security-policy')).not.toMatch(/'unsafe-eval'/)
    expect((await h.request('/api/sync/v1/spaces')).status).toBe(404)
  })

  it("names the first screen's words in the learner's language beside the page (Link: modulepreload)", async () => {
    const dist = mkdtempSync(join(tmpdir(), 'pm-cards-dist-'))
    mkdirSync(join(dist, '.vite'))
    writeFileSync(join(dist, 'index.html'), '<!doctype html><title>PM Cards</title>')
    const manifest = (fr: string) =>
      JSON.stringify({
        'src/main.ts': { file: 'assets/index-abc.js', isEntry: true },
        'src/i18n/locales/fr/core.json': { file: fr },
        'src/i18n/locales/en/core.json': { file: 'assets/core-en1.js' },
        'src/i18n/locales/fr/stats.json': { file: 'assets/stats-fr1.js' },
      })
    writeFileSync(join(dist, '.vite', 'manifest.json'), manifest('assets/core-fr1.js'))
    const h = harness(db, { distDir: dist })
    const link = async (path: string, acceptLanguage?: string) =>
      (await h.request(path, acceptLanguage === undefined ? {} : { headers: { 'Accept-Language': acceptLanguage } })).headers.get('link')
    expect(await link('/', 'fr-FR,fr;q=0.9,en;q=0.8')).toBe('</assets/core-fr1.js>; rel=modulepreload')
    expect(await link('/', 'en-GB,en;q=0.9')).toBe('</assets/core-en1.js>; rel=modulepreload')
    // As the app picks: the first of French and English the browser prefers, else French.
    expect(await link('/stats', 'de-DE,de;q=0.9,en;q=0.8,fr;q=0.5')).toBe('</assets/core-en1.js>; rel=modulepreload')
    expect(await link('/index.html', 'fr;q=0.2, en;q=0.7')).toBe('</assets/core-en1.js>; rel=modulepreload')
    expect(await link('/', 'de, es')).toBe('</assets/core-fr1.js>; rel=modulepreload')
    expect(await link('/')).toBe('</assets/core-fr1.js>; rel=modulepreload')
    const page = await h.request('/', { headers: { 'Accept-Language': 'en' } })
    expect(page.headers.get('vary')).toContain('Accept-Language')
    expect(await page.text()).toContain('<title>PM Cards</title>')
    // A new build under the running server: the new chunk's name.
    writeFileSync(join(dist, '.vite', 'manifest.json'), manifest('assets/core-fr2.js'))
    utimesSync(join(dist, '.vite', 'manifest.json'), new Date(), new Date(Date.now() + 5_000))
    expect(await link('/', 'fr')).toBe('</assets/core-fr2.js>; rel=modulepreload')
    // A name that is not a built asset never reaches the header; no manifest, no hint.
    writeFileSync(join(dist, '.vite', 'manifest.json'), manifest('https://evil.example/x.js>; rel=preload'))
    utimesSync(join(dist, '.vite', 'manifest.json'), new Date(), new Date(Date.now() + 10_000))
    expect(await link('/', 'fr')).toBeNull()
    rmSync(join(dist, '.vite'), { recursive: true })
    expect(await link('/', 'fr')).toBeNull()
    expect((await h.request('/')).status).toBe(200)
  })
})
