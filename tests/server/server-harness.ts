// An app on a migrated database, driven in-process (Hono's app.request), with its log captured.
import { randomBytes } from 'node:crypto'
import { createApp } from '../../server/app'
import type { Db } from '../../server/store/db'
import { migrate } from '../../server/store/migrate'
import { SyncStore } from '../../server/store/sync-store'
import { DEFAULT_LIMITS, type ServerLimits } from '../../server/http/limits'
import { PROTOCOL_PATH } from '../../src/sync/protocol'

export const key32 = () => randomBytes(32).toString('base64url')
export const changeId = () => randomBytes(12).toString('base64url')

export async function migrated(db: Db) {
  await migrate(db)
  return db
}

export function harness(db: Db, options: { limits?: Partial<ServerLimits>; distDir?: string; corsOrigins?: string[]; now?: () => number } = {}) {
  const logs: string[] = []
  const app = createApp({
    store: new SyncStore(db),
    limits: { ...DEFAULT_LIMITS, ...options.limits },
    distDir: options.distDir,
    corsOrigins: options.corsOrigins,
    now: options.now,
    log: (line) => logs.push(line),
  })
  const request = async (path: string, init: RequestInit & { token?: string; address?: string } = {}): Promise<Response> => {
    const headers = new Headers(init.headers)
    if (init.token) headers.set('authorization', `Bearer ${init.token}`)
    if (typeof init.body === 'string' && !headers.has('content-type')) headers.set('content-type', 'application/json')
    return app.request(path.startsWith('/') && !path.startsWith('/api') && !options.distDir ? `${PROTOCOL_PATH}${path}` : path, { ...init, headers }, {
      incoming: { socket: { remoteAddress: init.address ?? '192.0.2.1' } },
    })
  }
  /** A new space and its token. */
  const space = async () => {
    const spaceId = key32()
    const token = key32()
    const res = await request(`/spaces/${spaceId}`, { method: 'PUT', token })
    if (res.status !== 201) throw new Error(`space not created: ${res.status}`)
    return { spaceId, token }
  }
  const push = (spaceId: string, token: string, changes: { id: string; body: string }[], address?: string) =>
    request(`/spaces/${spaceId}/changes`, { method: 'POST', token, address, body: JSON.stringify({ changes }) })
  const pull = (spaceId: string, token: string, after: number, limit?: number) =>
    request(`/spaces/${spaceId}/changes?after=${after}${limit ? `&limit=${limit}` : ''}`, { token })
  return { app, logs, request, space, push, pull }
}
