// THE one helper every write that travels calls inside its own transaction: it queues the change's
// records for the next push in that same transaction, so a change and its record commit together.
// Nothing is written while this device does not sync (turning sync on uploads everything once).
import Dexie from 'dexie'
import type { SyncRecord } from '../domain/sync/records'
import { toBase64url } from '../sync/base64url'
import { localChangeMade, syncIsOn } from '../sync/sync-switch'
import type { PmDatabase, SyncOutboxRow, SyncRemovedRow, SyncResetRow, SyncStampRow } from './database'

export { stamp as syncStamp } from '../sync/sync-clock'

const newChangeId = () => toBase64url(crypto.getRandomValues(new Uint8Array(16)))
const rows = (records: readonly SyncRecord[]): SyncOutboxRow[] => records.map((record) => ({ id: newChangeId(), record }))

const STORES = ['syncOutbox', 'syncStamps', 'syncRemoved', 'syncResets'] as const

/**
 * This device keeps what its own records mean for later merges, as it does for another device's:
 * the winning stamps of the fields it set, the events it removed (an echo of an undone answer never
 * comes back), and its resets as steps of the card's log.
 */
function bookkeeping(records: readonly SyncRecord[]) {
  const stamps: SyncStampRow[] = []
  const removed: SyncRemovedRow[] = []
  const resets: SyncResetRow[] = []
  for (const r of records) {
    if (r.k === 'set') for (const field of Object.keys(r.fields)) stamps.push({ key: `${r.entity}:${r.key}:${field}`, hlc: r.hlc })
    else if (r.k === 'remove') removed.push({ id: r.id, cardId: r.cardId })
    else if (r.k === 'reset') resets.push({ id: r.id, cardId: r.cardId, at: r.at })
  }
  return { stamps, removed, resets }
}

/** The tables to add to a write's transaction (none while sync is off). */
export function outboxTables(db: PmDatabase) {
  return syncIsOn() ? [db.syncOutbox, db.syncStamps, db.syncRemoved, db.syncResets] : []
}

/** Inside the caller's Dexie transaction (opened with outboxTables among its tables). */
export async function queueChanges(db: PmDatabase, records: readonly SyncRecord[]): Promise<void> {
  if (!syncIsOn() || records.length === 0) return
  // Sync turned on after the transaction opened: the upload that turned it on carries this change.
  if (!Dexie.currentTransaction?.storeNames.includes('syncOutbox')) return
  const { stamps, removed, resets } = bookkeeping(records)
  await Promise.all([
    db.syncOutbox.bulkAdd(rows(records)),
    db.syncStamps.bulkPut(stamps),
    db.syncRemoved.bulkPut(removed),
    db.syncResets.bulkPut(resets),
    db.syncResets.bulkDelete(removed.map((r) => r.id)),
  ])
  Dexie.currentTransaction.on('complete', localChangeMade)
}

/** The same for a transaction made with IndexedDB's own API (the answer's): its store names. */
export function outboxStoreNames(): string[] {
  return syncIsOn() ? [...STORES] : []
}

export function queueChangesNative(tx: IDBTransaction, records: readonly SyncRecord[]) {
  if (!syncIsOn() || records.length === 0 || !tx.objectStoreNames.contains('syncOutbox')) return
  const outbox = tx.objectStore('syncOutbox')
  for (const row of rows(records)) outbox.add(row)
  const { stamps, removed, resets } = bookkeeping(records)
  for (const row of stamps) tx.objectStore('syncStamps').put(row)
  for (const row of removed) tx.objectStore('syncRemoved').put(row)
  for (const row of resets) tx.objectStore('syncResets').put(row)
  tx.addEventListener('complete', localChangeMade)
}
