// The optimiser worker's reads: the review log and the schedules, with plain IndexedDB (read only).
import type { ReviewRow, ScheduleRow } from './database'

const done = <T>(r: IDBRequest<T>) =>
  new Promise<T>((resolve, reject) => {
    r.onsuccess = () => resolve(r.result)
    r.onerror = () => reject(r.error)
  })

export async function openAppDb(name: string): Promise<IDBDatabase> {
  const idb = await done(indexedDB.open(name))
  idb.onversionchange = () => idb.close()
  return idb
}

/** Every review and every schedule, read in one transaction (one consistent picture). */
export async function readLogAndSchedules(idb: IDBDatabase): Promise<{ reviews: ReviewRow[]; schedules: ScheduleRow[] }> {
  const tx = idb.transaction(['reviews', 'schedules'], 'readonly')
  const [reviews, schedules] = await Promise.all([
    done(tx.objectStore('reviews').getAll() as IDBRequest<ReviewRow[]>),
    done(tx.objectStore('schedules').getAll() as IDBRequest<ScheduleRow[]>),
  ])
  return { reviews, schedules }
}
