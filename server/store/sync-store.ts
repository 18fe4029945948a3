// The sync store's SQL: every statement is parameterised and names the space it reads or writes.
import type { Db } from './db'

export interface StoredChange {
  seq: number
  id: string
  body: Uint8Array
}

export type PushResult = { kind: 'ok'; accepted: { id: string; seq: number }[]; lastSeq: number } | { kind: 'quota' } | { kind: 'missing' }
export type PullResult = { kind: 'ok'; changes: StoredChange[]; lastSeq: number; more: boolean; snapshotRequired: boolean } | { kind: 'missing' }
export type SnapshotResult = { kind: 'ok' } | { kind: 'quota' } | { kind: 'missing' } | { kind: 'ahead' }

export class SyncStore {
  constructor(private readonly db: Db) {}

  /** The token's hash, or undefined when the space does not exist. */
  async tokenHash(spaceId: string): Promise<Uint8Array | undefined> {
    const rows = await this.db.query<{ token_hash: Uint8Array }>('SELECT token_hash FROM sync_spaces WHERE space_id = $1', [spaceId])
    return rows[0]?.token_hash
  }

  /** False when the space already exists (its token is then checked by the caller). */
  async createSpace(spaceId: string, tokenHash: Uint8Array): Promise<boolean> {
    const rows = await this.db.query('INSERT INTO sync_spaces (space_id, token_hash) VALUES ($1, $2) ON CONFLICT (space_id) DO NOTHING RETURNING space_id', [spaceId, tokenHash])
    return rows.length === 1
  }

  async deleteSpace(spaceId: string): Promise<void> {
    await this.db.transaction(async (tx) => {
      await tx.query('DELETE FROM sync_changes WHERE space_id = $1', [spaceId])
      await tx.query('DELETE FROM sync_snapshots WHERE space_id = $1', [spaceId])
      await tx.query('DELETE FROM sync_spaces WHERE space_id = $1', [spaceId])
    })
  }

  /**
   * Numbers the changes not seen before, in the order given; a change whose id the space already holds
   * (a retry after a lost answer) keeps the number it got the first time.
   */
  async push(spaceId: string, changes: { id: string; body: Uint8Array }[], quotaBytes: number): Promise<PushResult> {
    return this.db.transaction(async (tx) => {
      // The row lock orders concurrent pushes to one space; other spaces are not held up.
      const space = (await tx.query<{ last_seq: number; stored_bytes: number }>('SELECT last_seq, stored_bytes FROM sync_spaces WHERE space_id = $1 FOR UPDATE', [spaceId]))[0]
      if (!space) return { kind: 'missing' } as const
      const ids = changes.map((change) => change.id)
      const known = new Map<string, number>()
      for (const row of await tx.query<{ change_id: string; seq: number }>('SELECT change_id, seq FROM sync_changes WHERE space_id = $1 AND change_id = ANY($2::text[])', [spaceId, ids])) {
        known.set(row.change_id, Number(row.seq))
      }
      let lastSeq = Number(space.last_seq)
      let bytes = 0
      const fresh: { id: string; body: Uint8Array; seq: number }[] = []
      for (const change of changes) {
        if (known.has(change.id)) continue
        lastSeq += 1
        known.set(change.id, lastSeq)
        fresh.push({ ...change, seq: lastSeq })
        bytes += change.body.byteLength
      }
      if (fresh.length > 0) {
        if (Number(space.stored_bytes) + bytes > quotaBytes) return { kind: 'quota' } as const
        const params: unknown[] = [spaceId]
        const rows = fresh.map((change) => {
          params.push(change.seq, change.id, change.body)
          const at = params.length
          return `($1, $${at - 2}, $${at - 1}, $${at})`
        })
        await tx.query(`INSERT INTO sync_changes (space_id, seq, change_id, body) VALUES ${rows.join(', ')}`, params)
        await tx.query('UPDATE sync_spaces SET last_seq = $2, stored_bytes = stored_bytes + $3 WHERE space_id = $1', [spaceId, lastSeq, bytes])
      }
      return { kind: 'ok', accepted: changes.map((change) => ({ id: change.id, seq: known.get(change.id) ?? 0 })), lastSeq } as const
    })
  }

  async pull(spaceId: string, after: number, limit: number): Promise<PullResult> {
    const space = (await this.db.query<{ last_seq: number; pruned_through: number }>('SELECT last_seq, pruned_through FROM sync_spaces WHERE space_id = $1', [spaceId]))[0]
    if (!space) return { kind: 'missing' }
    const lastSeq = Number(space.last_seq)
    if (after < Number(space.pruned_through)) return { kind: 'ok', changes: [], lastSeq, more: false, snapshotRequired: true }
    const rows = await this.db.query<{ seq: number; change_id: string; body: Uint8Array }>(
      'SELECT seq, change_id, body FROM sync_changes WHERE space_id = $1 AND seq > $2 ORDER BY seq LIMIT $3',
      [spaceId, after, limit + 1],
    )
    const more = rows.length > limit
    const changes = rows.slice(0, limit).map((row) => ({ seq: Number(row.seq), id: row.change_id, body: row.body }))
    return { kind: 'ok', changes, lastSeq, more, snapshotRequired: false }
  }

  /**
   * Keeps one snapshot a space (the newest) and drops the changes it covers, so a space's storage
   * stays near the size of its state instead of growing with every change ever made.
   */
  async putSnapshot(spaceId: string, uptoSeq: number, body: Uint8Array, quotaBytes: number): Promise<SnapshotResult> {
    return this.db.transaction(async (tx) => {
      const space = (await tx.query<{ last_seq: number; stored_bytes: number }>('SELECT last_seq, stored_bytes FROM sync_spaces WHERE space_id = $1 FOR UPDATE', [spaceId]))[0]
      if (!space) return { kind: 'missing' } as const
      if (uptoSeq > Number(space.last_seq)) return { kind: 'ahead' } as const
      const previous = (await tx.query<{ upto_seq: number; size: number }>('SELECT upto_seq, octet_length(body) AS size FROM sync_snapshots WHERE space_id = $1', [spaceId]))[0]
      if (previous && Number(previous.upto_seq) >= uptoSeq) return { kind: 'ok' } as const
      const covered = (await tx.query<{ size: number | null }>('SELECT sum(octet_length(body))::bigint AS size FROM sync_changes WHERE space_id = $1 AND seq <= $2', [spaceId, uptoSeq]))[0]
      const freed = Number(previous?.size ?? 0) + Number(covered?.size ?? 0)
      const stored = Number(space.stored_bytes) - freed + body.byteLength
      if (stored > quotaBytes) return { kind: 'quota' } as const
      await tx.query(
        'INSERT INTO sync_snapshots (space_id, upto_seq, body) VALUES ($1, $2, $3) ON CONFLICT (space_id) DO UPDATE SET upto_seq = EXCLUDED.upto_seq, body = EXCLUDED.body',
        [spaceId, uptoSeq, body],
      )
      await tx.query('DELETE FROM sync_changes WHERE space_id = $1 AND seq <= $2', [spaceId, uptoSeq])
      await tx.query('UPDATE sync_spaces SET stored_bytes = $2, pruned_through = $3 WHERE space_id = $1', [spaceId, stored, uptoSeq])
      return { kind: 'ok' } as const
    })
  }

  async getSnapshot(spaceId: string): Promise<{ uptoSeq: number; body: Uint8Array } | undefined> {
    const row = (await this.db.query<{ upto_seq: number; body: Uint8Array }>('SELECT upto_seq, body FROM sync_snapshots WHERE space_id = $1', [spaceId]))[0]
    return row ? { uptoSeq: Number(row.upto_seq), body: row.body } : undefined
  }
}
