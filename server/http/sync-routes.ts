// The sync API: create and delete a space, push and pull encrypted changes, upload and fetch a
// snapshot. Everything past the space id is checked against the token's hash first.
import { Hono, type Context, type MiddlewareHandler } from 'hono'
import { bodyLimit } from 'hono/body-limit'
import * as v from 'valibot'
import { Key32, MAX_PULL_LIMIT, PullQuery, PushRequest, SnapshotQuery, type PullResponse, type PushResponse } from '../../src/sync/protocol'
import type { SyncStore } from '../store/sync-store'
import { RateLimiter } from './rate-limit'
import { bearerToken, hashToken, tokenMatches } from './token'
import type { ServerLimits } from './limits'

type Env = { Variables: { spaceId: string } }

export function syncRoutes(store: SyncStore, limits: ServerLimits, clientAddress: (c: Context) => string, now: () => number) {
  const perAddress = new RateLimiter(limits.perAddress, now)
  const perSpace = new RateLimiter(limits.perSpace, now)
  const creations = new RateLimiter(limits.creationsPerAddress, now)
  const api = new Hono<Env>()

  const tooMany = (c: Context, seconds: number) => {
    c.header('Retry-After', String(seconds))
    return c.json({ error: 'too many requests' }, 429)
  }
  const unauthorized = (c: Context) => c.json({ error: 'unauthorized' }, 401)
  const badRequest = (c: Context) => c.json({ error: 'bad request' }, 400)
  const limit = (maxSize: number) => bodyLimit({ maxSize, onError: (c) => c.json({ error: 'payload too large' }, 413) })

  api.use('*', async (c, next) => {
    const wait = perAddress.hit(clientAddress(c))
    return wait ? tooMany(c, wait) : next()
  })

  api.use('/spaces/:space/*', async (c, next) => {
    if (!v.is(Key32, c.req.param('space'))) return badRequest(c)
    return next()
  })

  const authorized: MiddlewareHandler<Env> = async (c, next) => {
    const spaceId = c.req.param('space') ?? ''
    if (!v.is(Key32, spaceId)) return badRequest(c)
    const token = bearerToken(c.req.header('authorization'))
    if (!token || !tokenMatches(token, await store.tokenHash(spaceId))) return unauthorized(c)
    const wait = perSpace.hit(spaceId)
    if (wait) return tooMany(c, wait)
    c.set('spaceId', spaceId)
    return next()
  }

  api.put('/spaces/:space', limit(1024), async (c) => {
    const spaceId = c.req.param('space')
    if (!v.is(Key32, spaceId)) return badRequest(c)
    const token = bearerToken(c.req.header('authorization'))
    if (!token) return unauthorized(c)
    const wait = creations.hit(clientAddress(c))
    if (wait) return tooMany(c, wait)
    if (await store.createSpace(spaceId, hashToken(token))) return c.json({ created: true }, 201)
    // Joining an existing space with its token is fine; any other token learns nothing.
    return tokenMatches(token, await store.tokenHash(spaceId)) ? c.json({ created: false }, 200) : unauthorized(c)
  })

  api.delete('/spaces/:space', authorized, async (c) => {
    await store.deleteSpace(c.get('spaceId'))
    return c.body(null, 204)
  })

  api.post('/spaces/:space/changes', limit(limits.pushBytes), authorized, async (c) => {
    const parsed = v.safeParse(PushRequest, await c.req.json().catch(() => undefined))
    if (!parsed.success) return badRequest(c)
    const ids = new Set(parsed.output.changes.map((change) => change.id))
    if (ids.size !== parsed.output.changes.length) return badRequest(c)
    const changes = parsed.output.changes.map((change) => ({ id: change.id, body: Buffer.from(change.body, 'base64url') }))
    const result = await store.push(c.get('spaceId'), changes, limits.quotaBytes)
    if (result.kind === 'missing') return unauthorized(c)
    if (result.kind === 'quota') return c.json({ error: 'storage quota exceeded' }, 507)
    return c.json({ accepted: result.accepted, lastSeq: result.lastSeq } satisfies PushResponse)
  })

  api.get('/spaces/:space/changes', authorized, async (c) => {
    const parsed = v.safeParse(PullQuery, c.req.query())
    if (!parsed.success) return badRequest(c)
    const result = await store.pull(c.get('spaceId'), parsed.output.after, parsed.output.limit ?? MAX_PULL_LIMIT)
    if (result.kind === 'missing') return unauthorized(c)
    const changes = result.changes.map((change) => ({ seq: change.seq, id: change.id, body: Buffer.from(change.body).toString('base64url') }))
    const body: PullResponse = { changes, lastSeq: result.lastSeq, more: result.more }
    if (result.snapshotRequired) body.snapshotRequired = true
    return c.json(body)
  })

  api.put('/spaces/:space/snapshot', limit(limits.snapshotBytes), authorized, async (c) => {
    const parsed = v.safeParse(SnapshotQuery, c.req.query())
    if (!parsed.success || c.req.header('content-type') !== 'application/octet-stream') return badRequest(c)
    const body = new Uint8Array(await c.req.arrayBuffer())
    if (body.byteLength === 0) return badRequest(c)
    const result = await store.putSnapshot(c.get('spaceId'), parsed.output.upto, body, limits.quotaBytes)
    if (result.kind === 'missing') return unauthorized(c)
    if (result.kind === 'ahead') return badRequest(c)
    if (result.kind === 'quota') return c.json({ error: 'storage quota exceeded' }, 507)
    return c.body(null, 204)
  })

  api.get('/spaces/:space/snapshot', authorized, async (c) => {
    const snapshot = await store.getSnapshot(c.get('spaceId'))
    if (!snapshot) return c.json({ error: 'no snapshot' }, 404)
    c.header('X-Snapshot-Upto', String(snapshot.uptoSeq))
    c.header('Content-Type', 'application/octet-stream')
    return c.body(Buffer.from(snapshot.body))
  })

  return api
}
