// A snapshot of the space as this device holds it: the records whose fold gives its state (every
// answer and reset, every undo, every register field with the stamp that won it). Uploaded when the
// space's log grows long, so that a new device starts from it and the tail, not from every change.
import * as v from 'valibot'
import { SyncRecord as RecordSchema, type Entity, type SyncRecord } from '../domain/sync/records'
import { normalizeSettings } from '../domain/settings'
import type { PmDatabase } from './database'
import { reviewEvent } from './sync-apply'

export const SNAPSHOT_VERSION = 1

export interface SnapshotState {
  v: number
  records: unknown[]
}

async function registerValue(db: PmDatabase, entity: Entity, key: string, field: string): Promise<unknown> {
  switch (entity) {
    case 'cardState': {
      const s = await db.schedules.get(key)
      return field === 'flag' ? (s?.flag ?? 0) : s?.[field as 'suspended' | 'buriedUntilDay']
    }
    case 'cardTags':
      return (await db.cards.get(key))?.tags
    case 'userDeck': {
      const d = await db.decks.get(key)
      if (d?.origin !== 'user') return null
      const { hidden: _hidden, ...row } = d
      return row
    }
    case 'userCard': {
      const c = await db.cards.get(key)
      return c?.origin === 'user' ? c : null
    }
    case 'deckHidden':
      return (await db.decks.get(key))?.hidden === true
    case 'setting':
      return (normalizeSettings((await db.settings.get('settings'))?.value) as unknown as Record<string, unknown>)[key]
    case 'meta':
      return (await db.meta.get(key))?.value ?? null
    case 'mockInterview':
      return (await db.mockInterviews.get(key)) ?? null
  }
}

/** This device's state as records, read in one transaction; undefined while something is unsettled. */
export async function snapshotRecords(db: PmDatabase): Promise<SyncRecord[] | undefined> {
  return db.transaction('r', [db.reviews, db.schedules, db.cards, db.decks, db.settings, db.meta, db.mockInterviews, db.syncOutbox, db.syncStamps, db.syncRemoved, db.syncResets, db.syncSetAside], async () => {
    // Changes not pushed yet, or set aside (another app version's): a snapshot would leave them out.
    if ((await db.syncOutbox.count()) || (await db.syncSetAside.count())) return undefined
    const records: SyncRecord[] = []
    for (const row of await db.reviews.toArray()) records.push(reviewEvent(row))
    for (const r of await db.syncResets.toArray()) records.push({ k: 'reset', id: r.id, cardId: r.cardId, at: r.at })
    for (const r of await db.syncRemoved.toArray()) records.push({ k: 'remove', id: r.id, cardId: r.cardId })
    for (const { key, hlc } of await db.syncStamps.toArray()) {
      const [entity, ...rest] = key.split(':')
      const field = rest.pop()!
      const id = rest.join(':')
      const value = await registerValue(db, entity as Entity, id, field)
      if (value !== undefined) records.push({ k: 'set', entity: entity as Entity, key: id, fields: { [field]: value }, hlc })
    }
    return records
  })
}

/** Records checked between two yields to the page: a long snapshot's check is not one long task. */
const CHECKED_A_TASK = 5000

/** A snapshot's records, each checked: the valid ones, and how many were not. */
export async function readSnapshot(state: unknown): Promise<{ records: SyncRecord[]; invalid: number }> {
  const parsed = v.safeParse(v.object({ v: v.literal(SNAPSHOT_VERSION), records: v.array(v.unknown()) }), state)
  if (!parsed.success) return { records: [], invalid: 1 }
  const records: SyncRecord[] = []
  let invalid = 0
  for (const [i, r] of parsed.output.records.entries()) {
    if (i && i % CHECKED_A_TASK === 0) await new Promise((resolve) => setTimeout(resolve))
    const one = v.safeParse(RecordSchema, r)
    if (one.success) records.push(one.output)
    else invalid++
  }
  return { records, invalid }
}
