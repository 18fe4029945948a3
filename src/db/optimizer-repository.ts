// The optimiser's writes: new weights with the previous ones kept (one transaction), going back to
// them, and rescheduling every studied card with the weights in use (one transaction, log untouched).
import { replayHistory } from '../domain/backup/merge'
import type { Fit } from '../domain/optimizer/evaluate'
import { checkedWeights } from '../domain/optimizer/weights'
import { CardState, MEMORY_FIELDS, memoryOf } from '../domain/scheduling/schedule'
import type { Scheduler } from '../domain/scheduling/scheduler'
import { normalizeSettings, type Settings } from '../domain/settings'
import type { PmDatabase, ReviewRow, ScheduleRow } from './database'
import { invalidateStatsCache, statsCacheTables } from './stats-cache'

export const META_FSRS_FIT = 'fsrsFit'

/** The last weights applied by the optimiser, what they replaced, and how both fitted. */
export interface FsrsFitRecord {
  atMs: number
  /** The weights in use before (null: ts-fsrs's defaults): "go back" restores them. */
  previousWeights: number[] | null
  weights: number[]
  current: Fit
  fitted: Fit
  reviewsUsed: number
}

export class InvalidWeightsError extends Error {}

const SETTINGS_KEY = 'settings'

async function readSettings(db: PmDatabase): Promise<Settings> {
  return normalizeSettings((await db.settings.get(SETTINGS_KEY))?.value)
}

export async function loadFitRecord(db: PmDatabase): Promise<FsrsFitRecord | null> {
  const row = await db.meta.get(META_FSRS_FIT)
  return (row?.value as FsrsFitRecord | undefined) ?? null
}

/** Puts `weights` in use and keeps the ones they replace; refused (nothing written) unless ts-fsrs accepts them. */
export async function applyWeights(db: PmDatabase, record: Omit<FsrsFitRecord, 'previousWeights'>): Promise<Settings> {
  const weights = checkedWeights(record.weights)
  if (!weights) throw new InvalidWeightsError('weights refused by ts-fsrs')
  return db.transaction('rw', [db.settings, db.meta], async () => {
    const settings = await readSettings(db)
    const next = normalizeSettings({ ...settings, fsrsWeights: weights })
    await db.settings.put({ key: SETTINGS_KEY, value: next })
    const kept: FsrsFitRecord = { ...JSON.parse(JSON.stringify(record)), weights, previousWeights: settings.fsrsWeights }
    await db.meta.put({ key: META_FSRS_FIT, value: kept })
    return next
  })
}

/** Back to the weights the last fit replaced; the record goes, so there is nothing to go back to twice. */
export async function revertWeights(db: PmDatabase): Promise<Settings> {
  return db.transaction('rw', [db.settings, db.meta], async () => {
    const record = await loadFitRecord(db)
    const settings = await readSettings(db)
    if (!record) return settings
    const next = normalizeSettings({ ...settings, fsrsWeights: checkedWeights(record.previousWeights) })
    await db.settings.put({ key: SETTINGS_KEY, value: next })
    await db.meta.delete(META_FSRS_FIT)
    return next
  })
}

const sameMemory = (a: ScheduleRow, b: ReturnType<typeof memoryOf>) => MEMORY_FIELDS.every((k) => a[k] === b[k])

/**
 * Every studied card's memory state and due date replayed from its history with `scheduler` (the
 * weights in use), as Anki's "reschedule cards" does. Suspension, burying and flags stay; the review
 * log is read, never written. Returns how many cards changed.
 */
export async function rescheduleAll(db: PmDatabase, scheduler: Scheduler): Promise<number> {
  return db.transaction('rw', [db.schedules, db.reviews, ...statsCacheTables(db)], async () => {
    const [schedules, reviews] = await Promise.all([db.schedules.toArray(), db.reviews.toArray()])
    const byCard = new Map<string, ReviewRow[]>()
    for (const r of reviews) {
      const list = byCard.get(r.cardId)
      if (list) list.push(r)
      else byCard.set(r.cardId, [r])
    }
    const changed: ScheduleRow[] = []
    for (const s of schedules) {
      const history = byCard.get(s.cardId)
      // A card reset since its last review stays new.
      if (!history || s.state === CardState.New) continue
      const memory = memoryOf(replayHistory(s.cardId, history, scheduler))
      if (!sameMemory(s, memory)) changed.push({ ...s, ...memory, version: s.version + 1 })
    }
    await db.schedules.bulkPut(changed)
    if (changed.length) await invalidateStatsCache(db, { cardIds: changed.map((s) => s.cardId) })
    return changed.length
  })
}
