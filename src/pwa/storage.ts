// Persistent storage: asked for once the learner has studied (not at first paint), so the browser
// does not evict months of reviews under storage pressure.
let asked = false

export async function requestPersistentStorage(): Promise<boolean | null> {
  if (asked || !navigator.storage?.persist) return null
  asked = true
  if (await navigator.storage.persisted()) return true
  return navigator.storage.persist()
}

export interface StorageInfo {
  persisted: boolean | null
  usageBytes: number | null
  quotaBytes: number | null
}

export async function storageInfo(): Promise<StorageInfo> {
  const s = navigator.storage
  const [persisted, estimate] = await Promise.all([
    s?.persisted ? s.persisted() : Promise.resolve(null),
    s?.estimate ? s.estimate() : Promise.resolve(null),
  ])
  return { persisted, usageBytes: estimate?.usage ?? null, quotaBytes: estimate?.quota ?? null }
}
