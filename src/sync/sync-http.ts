// The sync server's API as typed calls. Every answer is checked (valibot): a server that answers
// garbage is an error like a server that is down, and nothing is applied from it.
import * as v from 'valibot'
import { PROTOCOL_PATH, PullResponse, PushResponse } from './protocol'

export type SyncFailure = 'offline' | 'unauthorized' | 'rate-limited' | 'quota' | 'server'

export class SyncHttpError extends Error {
  constructor(
    readonly failure: SyncFailure,
    readonly retryAfterMs = 0,
  ) {
    super(`sync: ${failure}`)
    this.name = 'SyncHttpError'
  }
}

export interface SpaceAccess {
  spaceId: string
  token: string
}

async function call(base: string, space: SpaceAccess, path: string, init: RequestInit = {}): Promise<Response> {
  let res: Response
  try {
    res = await fetch(`${base}${PROTOCOL_PATH}/spaces/${space.spaceId}${path}`, {
      ...init,
      headers: { ...init.headers, authorization: `Bearer ${space.token}` },
      cache: 'no-store',
    })
  } catch {
    throw new SyncHttpError('offline')
  }
  if (res.ok || res.status === 404) return res
  if (res.status === 401) throw new SyncHttpError('unauthorized')
  if (res.status === 429) throw new SyncHttpError('rate-limited', Number(res.headers.get('retry-after') ?? 60) * 1000)
  if (res.status === 507 || res.status === 413) throw new SyncHttpError('quota')
  throw new SyncHttpError('server')
}

async function json<T>(res: Response, schema: v.GenericSchema<unknown, T>): Promise<T> {
  const parsed = v.safeParse(schema, await res.json().catch(() => undefined))
  if (!parsed.success) throw new SyncHttpError('server')
  return parsed.output
}

export function syncApi(base: string, space: SpaceAccess) {
  return {
    /** True when this call created the space. */
    async open(): Promise<boolean> {
      const res = await call(base, space, '', { method: 'PUT' })
      if (res.status === 404) throw new SyncHttpError('server')
      return res.status === 201
    },
    async remove(): Promise<void> {
      await call(base, space, '', { method: 'DELETE' })
    },
    async push(changes: { id: string; body: string }[]): Promise<PushResponse> {
      const res = await call(base, space, '/changes', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ changes }) })
      return json(res, PushResponse)
    },
    async pull(after: number, limit: number): Promise<PullResponse> {
      return json(await call(base, space, `/changes?after=${after}&limit=${limit}`), PullResponse)
    },
    async putSnapshot(uptoSeq: number, body: Uint8Array): Promise<void> {
      await call(base, space, `/snapshot?upto=${uptoSeq}`, { method: 'PUT', headers: { 'content-type': 'application/octet-stream' }, body: body as BodyInit })
    },
    async getSnapshot(): Promise<{ uptoSeq: number; body: Uint8Array } | undefined> {
      const res = await call(base, space, '/snapshot')
      if (res.status === 404) return undefined
      const uptoSeq = Number(res.headers.get('x-snapshot-upto'))
      if (!Number.isSafeInteger(uptoSeq) || uptoSeq < 0) throw new SyncHttpError('server')
      return { uptoSeq, body: new Uint8Array(await res.arrayBuffer()) }
    },
  }
}
export type SyncApi = ReturnType<typeof syncApi>
