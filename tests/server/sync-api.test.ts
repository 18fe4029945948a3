import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { randomBytes } from 'node:crypto'
import type { Db } from '../../server/store/db'
import { changeId, harness, migrated } from './server-harness'
import { backends } from './backends'

const body = (n = 40) => randomBytes(n).toString('base64url')

describe.each(backends())('sync protocol on $name', (backend) => {
  let db: Db
  beforeAll(async () => {
    db = await migrated(await backend.open())
  })
  afterAll(() => db?.close())

  it('creates a space once; the same token joins it again, another gets 401', async () => {
    const h = harness(db)
    const { spaceId, token } = await h.space()
    expect((await h.request(`/spaces/${spaceId}`, { method: 'PUT', token })).status).toBe(200)
    expect((await h.request(`/spaces/${spaceId}`, { method: 'PUT', token: body(32) })).status).toBe(401)
  })

  it('numbers pushed changes in order, and a retry gets the same numbers without storing twice', async () => {
    const h = harness(db)
    const { spaceId, token } = await h.space()
    const first = [{ id: changeId(), body: body() }, { id: changeId(), body: body() }]
    const res = await h.push(spaceId, token, first)
    expect(res.status).toBe(200)
    expect(await res.json()).toEqual({ accepted: [{ id: first[0]!.id, seq: 1 }, { id: first[1]!.id, seq: 2 }], lastSeq: 2 })
    const second = { id: changeId(), body: body() }
    const retry = await (await h.push(spaceId, token, [first[1]!, second, first[0]!])).json()
    expect(retry).toEqual({ accepted: [{ id: first[1]!.id, seq: 2 }, { id: second.id, seq: 3 }, { id: first[0]!.id, seq: 1 }], lastSeq: 3 })
    const pulled = await (await h.pull(spaceId, token, 0)).json()
    expect(pulled.changes.map((c: { seq: number; id: string; body: string }) => [c.seq, c.id, c.body])).toEqual([
      [1, first[0]!.id, first[0]!.body],
      [2, first[1]!.id, first[1]!.body],
      [3, second.id, second.body],
    ])
    expect(pulled).toMatchObject({ lastSeq: 3, more: false })
  })

  it('numbers concurrent pushes to one space without a gap or a repeat', async () => {
    const h = harness(db)
    const { spaceId, token } = await h.space()
    const batches = Array.from({ length: 8 }, () => Array.from({ length: 5 }, () => ({ id: changeId(), body: body() })))
    const results = await Promise.all(batches.map((batch) => h.push(spaceId, token, batch).then((r) => r.json())))
    const seqs = results.flatMap((r: { accepted: { seq: number }[] }) => r.accepted.map((a) => a.seq)).sort((a, b) => a - b)
    expect(seqs).toEqual(Array.from({ length: 40 }, (_, i) => i + 1))
  })

  it('pulls after a sequence number, page by page', async () => {
    const h = harness(db)
    const { spaceId, token } = await h.space()
    const changes = Array.from({ length: 7 }, () => ({ id: changeId(), body: body() }))
    await h.push(spaceId, token, changes)
    const seen: string[] = []
    let after = 2
    for (;;) {
      const page = await (await h.pull(spaceId, token, after, 2)).json()
      seen.push(...page.changes.map((c: { id: string }) => c.id))
      if (!page.more) break
      after = page.changes.at(-1).seq
    }
    expect(seen).toEqual(changes.slice(2).map((c) => c.id))
  })

  it('keeps the newest snapshot, drops the changes it covers, and sends an old cursor to it', async () => {
    const h = harness(db)
    const { spaceId, token } = await h.space()
    await h.push(spaceId, token, Array.from({ length: 5 }, () => ({ id: changeId(), body: body() })))
    const snapshot = randomBytes(300)
    const put = await h.request(`/spaces/${spaceId}/snapshot?upto=4`, { method: 'PUT', token, body: snapshot, headers: { 'content-type': 'application/octet-stream' } })
    expect(put.status).toBe(204)
    const got = await h.request(`/spaces/${spaceId}/snapshot`, { token })
    expect(got.headers.get('x-snapshot-upto')).toBe('4')
    expect(new Uint8Array(await got.arrayBuffer())).toEqual(new Uint8Array(snapshot))
    expect(await (await h.pull(spaceId, token, 0)).json()).toEqual({ changes: [], lastSeq: 5, more: false, snapshotRequired: true })
    const tail = await (await h.pull(spaceId, token, 4)).json()
    expect(tail.changes.map((c: { seq: number }) => c.seq)).toEqual([5])
    // An older snapshot never replaces a newer one; one past the last change is refused.
    await h.request(`/spaces/${spaceId}/snapshot?upto=2`, { method: 'PUT', token, body: randomBytes(10), headers: { 'content-type': 'application/octet-stream' } })
    expect((await h.request(`/spaces/${spaceId}/snapshot`, { token })).headers.get('x-snapshot-upto')).toBe('4')
    expect((await h.request(`/spaces/${spaceId}/snapshot?upto=9`, { method: 'PUT', token, body: randomBytes(10), headers: { 'content-type': 'application/octet-stream' } })).status).toBe(400)
    const rows = await db.query<{ stored_bytes: number }>('SELECT stored_bytes FROM sync_spaces WHERE space_id = $1', [spaceId])
    expect(Number(rows[0]!.stored_bytes)).toBe(300 + 40)
  })

  it('refuses a push past the space quota (507) and stores none of it', async () => {
    const h = harness(db, { limits: { quotaBytes: 100 } })
    const { spaceId, token } = await h.space()
    expect((await h.push(spaceId, token, [{ id: changeId(), body: body(60) }])).status).toBe(200)
    expect((await h.push(spaceId, token, [{ id: changeId(), body: body(30) }, { id: changeId(), body: body(30) }])).status).toBe(507)
    expect((await (await h.pull(spaceId, token, 0)).json()).lastSeq).toBe(1)
  })

  it('deletes a space and everything in it', async () => {
    const h = harness(db)
    const { spaceId, token } = await h.space()
    await h.push(spaceId, token, [{ id: changeId(), body: body() }])
    await h.request(`/spaces/${spaceId}/snapshot?upto=1`, { method: 'PUT', token, body: randomBytes(10), headers: { 'content-type': 'application/octet-stream' } })
    expect((await h.request(`/spaces/${spaceId}`, { method: 'DELETE', token })).status).toBe(204)
    expect((await h.pull(spaceId, token, 0)).status).toBe(401)
    for (const table of ['sync_spaces', 'sync_changes', 'sync_snapshots']) {
      expect(await db.query(`SELECT 1 FROM ${table} WHERE space_id = $1`, [spaceId]), table).toEqual([])
    }
  })
})
