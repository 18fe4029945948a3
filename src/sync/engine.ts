// The sync engine: pushes the outbox and pulls the space's changes, encrypted, in the background.
// Runs on start, when the network comes back, when the tab becomes visible, a few seconds after a
// burst of local changes, and from the button; backs off after a failure; never blocks studying.
import { reactive } from 'vue'
import { getDb, type PmDatabase, type SyncSetAsideRow } from '../db/database'
import { applyInChunks, CHUNK_RECORDS } from '../db/sync-chunks'
import { seedOutbox, seedTables } from '../db/sync-seed'
import { loadSettings } from '../db/settings-repository'
import { envelope, parseEnvelope, type SyncRecord } from '../domain/sync/records'
import { createScheduler } from '../domain/scheduling/scheduler'
import { CardState } from '../domain/scheduling/schedule'
import { decryptChange, decryptSnapshot, DecryptError, encryptChange, encryptSnapshot } from './cipher'
import { readSnapshot, snapshotRecords, SNAPSHOT_VERSION } from '../db/sync-snapshot'
import { deriveSpaceSecrets, decodeSpaceKey, encodeSpaceKey, generateSpaceKey, type SpaceSecrets } from './space-key'
import { SyncHttpError, syncApi, type SyncApi, type SyncFailure } from './sync-http'
import { MAX_PULL_LIMIT, type PullResponse } from './protocol'
import { onLocalChange, setSyncOn, syncIsOn } from './sync-switch'
import { observeStamp } from './sync-clock'

const PUSH_BATCH = 200
const PULL_PAGE = MAX_PULL_LIMIT
/** Records gathered before they are applied: a new device's whole space, in practice. */
const GATHER = 200_000
const SNAPSHOT_EVERY = 5000
const AFTER_CHANGES_MS = 10_000
const FIRST_RETRY_MS = 5000
const MAX_RETRY_MS = 10 * 60_000

export interface SyncStatus {
  on: boolean
  running: boolean
  lastSyncAt: number | null
  /** Local changes not yet on the server. */
  waiting: number
  failure: SyncFailure | null
  /** Changes from another device that could not be read here. */
  setAside: number
  /** Bumped when pulled changes were applied: screens re-read their data. */
  applied: number
  /** A long pull under way (a new device joining): changes downloaded, then applied, of about `total`. */
  progress: SyncProgress | null
}

export interface SyncProgress {
  phase: 'download' | 'apply'
  done: number
  /** 0 while unknown (a snapshot on its way). */
  total: number
}

export const syncStatus = reactive<SyncStatus>({ on: syncIsOn(), running: false, lastSyncAt: null, waiting: 0, failure: null, setAside: 0, applied: 0, progress: null })

interface Space {
  key: Uint8Array
  secrets: SpaceSecrets
  api: SyncApi
}

let space: Space | undefined
let running: Promise<void> | undefined
let again = false
let uploadDue = false
let uploading: Promise<void> | undefined
let retryTimer: ReturnType<typeof setTimeout> | undefined
let changeTimer: ReturnType<typeof setTimeout> | undefined
let failures = 0
let started = false

const origin = () => location.origin
const state = async <T>(db: PmDatabase, key: string): Promise<T | undefined> => (await db.syncState.get(key))?.value as T | undefined

async function loadSpace(db: PmDatabase): Promise<Space | undefined> {
  const text = await state<string>(db, 'key')
  const key = text ? decodeSpaceKey(text) : undefined
  if (!key) return undefined
  const secrets = await deriveSpaceSecrets(key)
  return { key, secrets, api: syncApi(origin(), secrets) }
}

async function refreshCounts(db: PmDatabase) {
  const [waiting, setAside, lastSyncAt] = await Promise.all([db.syncOutbox.count(), db.syncSetAside.count(), state<number>(db, 'lastSyncAt')])
  Object.assign(syncStatus, { waiting, setAside, lastSyncAt: lastSyncAt ?? null, on: syncIsOn() })
}

async function push(db: PmDatabase, s: Space) {
  for (;;) {
    const rows = await db.syncOutbox.orderBy('seq').limit(PUSH_BATCH).toArray()
    if (!rows.length) return
    const changes = await Promise.all(rows.map(async (row) => ({ id: row.id, body: await encryptChange(s.secrets.cipherKey, s.secrets.spaceId, row.id, envelope(row.record)) })))
    await s.api.push(changes)
    // The server has them (a retry of the same ids would be stored once): they leave the outbox.
    await db.syncOutbox.bulkDelete(rows.map((row) => row.seq!))
  }
}

type SetAside = Omit<SyncSetAsideRow, 'seq'>

/** A page's changes, decrypted all at once (one WebCrypto call each, in parallel), then checked. */
async function decode(s: Space, changes: { id: string; body: string }[], setAside: SetAside[]): Promise<SyncRecord[]> {
  const now = Date.now()
  const opened = await Promise.all(
    changes.map((change) =>
      decryptChange(s.secrets.cipherKey, s.secrets.spaceId, change.id, change.body).then(
        (value) => ({ value }),
        (e: unknown) => {
          if (e instanceof DecryptError) return undefined
          throw e
        },
      ),
    ),
  )
  const records: SyncRecord[] = []
  changes.forEach((change, i) => {
    const one = opened[i]
    const parsed = one ? parseEnvelope(one.value) : undefined
    if (!parsed?.ok) {
      setAside.push({ changeId: change.id, reason: parsed ? parsed.reason : 'decrypt', at: now })
      return
    }
    if (parsed.record.k === 'set') observeStamp(parsed.record.hlc, now)
    records.push(parsed.record)
  })
  return records
}

async function pull(db: PmDatabase, s: Space): Promise<number> {
  const settings = await loadSettings(db)
  const scheduler = createScheduler(settings, { fuzz: true })
  let cursor = (await state<number>(db, 'cursor')) ?? 0
  let applied = 0
  const progress = (phase: SyncProgress['phase'], done: number, total: number) => (syncStatus.progress = { phase, done, total })
  for (;;) {
    // Everything there is (up to GATHER), then applied in chunks of whole cards: each card is
    // replayed once from its whole log (applied as it came, page after page, a long log replayed
    // every card again and again). The changes that cannot be read are set aside with the cursor.
    const records: SyncRecord[] = []
    const setAside: SetAside[] = []
    let last = cursor
    let snapshotAt: number | undefined
    let more = true
    let next: Promise<PullResponse> | undefined
    while (more && records.length < GATHER) {
      const page = await (next ?? s.api.pull(last, PULL_PAGE))
      next = undefined
      if (page.snapshotRequired) {
        // The changes after `last` were folded into a snapshot: it first, then the tail.
        if (records.length) break
        progress('download', 0, 0)
        const snapshot = await fetchSnapshot(s)
        for (const record of snapshot.records) records.push(record)
        if (snapshot.invalid) setAside.push({ changeId: `snapshot-${snapshot.uptoSeq}`, reason: 'invalid', at: Date.now() })
        last = snapshotAt = snapshot.uptoSeq
        continue
      }
      last = page.changes.at(-1)?.seq ?? last
      more = page.more
      // The next page downloads while this one is decrypted.
      if (more && records.length + page.changes.length < GATHER) {
        next = s.api.pull(last, PULL_PAGE)
        next.catch(() => undefined)
      }
      for (const record of await decode(s, page.changes, setAside)) records.push(record)
      if (more || syncStatus.progress) progress('download', records.length, records.length + page.lastSeq - last)
    }
    const tables = [db.syncState, db.syncSetAside]
    const report = await applyInChunks(db, records, scheduler, {
      tables,
      finish: async () => {
        await db.syncState.bulkPut([{ key: 'cursor', value: last }, ...(snapshotAt === undefined ? [] : [{ key: 'snapshotAt', value: snapshotAt }])])
        if (setAside.length) await db.syncSetAside.bulkAdd(setAside)
      },
      progress: (done, total) => {
        if (total <= CHUNK_RECORDS) return
        progress('apply', done, total)
        // The schedules are all here (the chunks bring the history): screens read them again, and
        // the learner studies while the rest arrives.
        if (done === 0) syncStatus.applied++
      },
    })
    applied += report.applied
    cursor = last
    if (!more) return applied
  }
}

/**
 * A backup was restored on this device (replace or merge) while it syncs. The restore joins the
 * space instead of silently diverging from it: the file's log goes up (answers are a set: nothing is
 * counted twice), its registers with fresh stamps (the learner chose them just now: they win), and
 * this device pulls the whole space again, so the answers the other devices made come back here.
 * Marked before the restore, cleared with the upload in one transaction: a crash in between
 * re-uploads, never skips.
 */
async function rejoinAfterRestore(db: PmDatabase) {
  // Not while the restore is under way in this page (its worker writes the rows still).
  const restored = await state<{ known: string[] }>(db, 'restored')
  if (restoring || !restored) return
  await db.transaction('rw', [db.syncState, ...seedTables(db)], async () => {
    await seedOutbox(db, true, Date.now(), new Set(restored.known))
    await db.syncState.bulkPut([{ key: 'cursor', value: 0 }])
    await db.syncState.delete('restored')
  })
}

let restoring = false

/** Call before restoring a backup on a device that syncs (see rejoinAfterRestore), then restoreEnded. */
export async function markRestore(): Promise<void> {
  restoring = true
  const db = getDb()
  // What this device held is in the space already (or in its outbox): not sent twice.
  await db.transaction('rw', [db.reviews, db.syncResets, db.schedules, db.syncState], async () => {
    const reviews = (await db.reviews.toCollection().primaryKeys()) as string[]
    const resets = (await db.syncResets.toCollection().primaryKeys()) as string[]
    const seeded = (await db.schedules.toArray()).filter((s) => s.state === CardState.New && s.reps > 0).map((s) => `seed-${s.cardId}-${s.due}`)
    const held = await state<{ known: string[] }>(db, 'restored')
    await db.syncState.put({ key: 'restored', value: { known: [...new Set([...(held?.known ?? []), ...reviews, ...resets, ...seeded])] } })
  })
}

/** The restore finished or failed: either way the next sync uploads what this device now holds. */
export function restoreEnded(): Promise<void> {
  restoring = false
  return syncNow()
}

/** The space's snapshot: its records (each checked), how many were not valid, and the change it covers up to. */
async function fetchSnapshot(s: Space): Promise<{ records: SyncRecord[]; invalid: number; uptoSeq: number }> {
  const snapshot = await s.api.getSnapshot()
  if (!snapshot) throw new SyncHttpError('server')
  let state: unknown
  try {
    state = await decryptSnapshot(s.secrets.cipherKey, s.secrets.spaceId, snapshot.uptoSeq, snapshot.body)
  } catch (e) {
    if (!(e instanceof DecryptError)) throw e
    throw new SyncHttpError('server')
  }
  return { ...(await readSnapshot(state)), uptoSeq: snapshot.uptoSeq }
}

/**
 * When the space's log has grown by SNAPSHOT_EVERY changes since the last snapshot, this device
 * (everything pushed and applied) uploads its state, sealed, so that the server drops the changes
 * it covers and a new device starts from it. A failure here is not a sync failure.
 */
async function maybeUploadSnapshot(db: PmDatabase, s: Space) {
  const cursor = (await state<number>(db, 'cursor')) ?? 0
  if (cursor - ((await state<number>(db, 'snapshotAt')) ?? 0) < SNAPSHOT_EVERY) return
  const records = await snapshotRecords(db)
  if (!records) return
  try {
    await s.api.putSnapshot(cursor, await encryptSnapshot(s.secrets.cipherKey, s.secrets.spaceId, cursor, { v: SNAPSHOT_VERSION, records }))
    await db.syncState.put({ key: 'snapshotAt', value: cursor })
  } catch (e) {
    if (!(e instanceof SyncHttpError)) throw e
  }
}

async function runOnce() {
  const db = getDb()
  space ??= await loadSpace(db)
  if (!space || !syncIsOn()) return
  syncStatus.running = true
  try {
    await rejoinAfterRestore(db)
    await push(db, space)
    const applied = await pull(db, space)
    await db.syncState.put({ key: 'lastSyncAt', value: Date.now() })
    syncStatus.failure = null
    failures = 0
    if (applied) syncStatus.applied++
    // This device is done; the snapshot is for the others, uploaded once this sync has returned.
    uploadDue = true
  } catch (e) {
    syncStatus.failure = e instanceof SyncHttpError ? e.failure : 'server'
    failures++
    const wait = e instanceof SyncHttpError && e.retryAfterMs ? e.retryAfterMs : Math.min(MAX_RETRY_MS, FIRST_RETRY_MS * 2 ** (failures - 1))
    uploadDue = false
    clearTimeout(retryTimer)
    if (syncStatus.failure !== 'unauthorized') retryTimer = setTimeout(() => void syncNow(), wait)
  } finally {
    syncStatus.running = false
    syncStatus.progress = null
    await refreshCounts(db)
  }
}

/** Runs a sync now, or once more right after the one under way. */
export function syncNow(): Promise<void> {
  if (running) {
    again = true
    return running
  }
  if (uploading) return uploading.then(syncNow)
  running = (async () => {
    do {
      again = false
      await runOnce()
    } while (again)
  })().finally(() => {
    running = undefined
    if (uploadDue) void uploadSnapshotAfter()
  })
  return running
}

/** After the sync that asked for it, not awaited by it; a sync asked for meanwhile waits for it. */
function uploadSnapshotAfter() {
  if (running || uploading) return
  uploadDue = false
  uploading = (async () => {
    if (space && syncIsOn()) await maybeUploadSnapshot(getDb(), space).catch(() => undefined)
  })().finally(() => (uploading = undefined))
}

/** The triggers, once per page. */
export function startSync() {
  if (started) return
  started = true
  onLocalChange(() => {
    void refreshCounts(getDb())
    clearTimeout(changeTimer)
    changeTimer = setTimeout(() => void syncNow(), AFTER_CHANGES_MS)
  })
  addEventListener('online', () => void syncNow())
  document.addEventListener('visibilitychange', () => document.visibilityState === 'visible' && void syncNow())
  void refreshCounts(getDb()).then(() => syncNow())
}

async function begin(key: Uint8Array, creating: boolean) {
  const db = getDb()
  const secrets = await deriveSpaceSecrets(key)
  const api = syncApi(origin(), secrets)
  await api.open()
  await db.syncState.bulkPut([
    { key: 'key', value: encodeSpaceKey(key) },
    { key: 'cursor', value: 0 },
  ])
  space = { key, secrets, api }
  setSyncOn(true)
  await seedOutbox(db, creating, Date.now())
  startSync()
  await syncNow()
}

/** A new space from this device: everything it knows goes up. */
export function createSpace(): Promise<void> {
  return begin(generateSpaceKey(), true)
}

/** Joins the space of `key`: this device's log goes up, the space's changes come down. */
export function joinSpace(key: Uint8Array): Promise<void> {
  return begin(key, false)
}

/** This device stops syncing; the space and the other devices go on. */
export async function leaveSpace(): Promise<void> {
  const db = getDb()
  setSyncOn(false)
  space = undefined
  clearTimeout(retryTimer)
  await db.transaction('rw', [db.syncOutbox, db.syncState, db.syncStamps, db.syncRemoved, db.syncResets, db.syncSetAside], async () => {
    await Promise.all([db.syncOutbox.clear(), db.syncState.clear(), db.syncSetAside.clear()])
  })
  syncStatus.failure = null
  await refreshCounts(db)
}

/**
 * After a device is lost: a new key and space, everything uploaded again, the old space deleted
 * (the lost device then gets 401 and nothing more). Other devices join again with the new link.
 */
export async function replaceKey(): Promise<void> {
  const old = space ?? (await loadSpace(getDb()))
  await leaveSpace()
  await createSpace()
  if (old) await old.api.remove().catch(() => undefined)
}

export async function currentKey(): Promise<Uint8Array | undefined> {
  space ??= await loadSpace(getDb())
  return space?.key
}
