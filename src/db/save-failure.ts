// Why a write did not happen, in a few kinds the interface can explain and suggest a fix for:
// storage full, the row changed elsewhere, the database closed by a newer version in another tab,
// storage unavailable (private window, blocked), or another tab blocking an upgrade.
export type SaveFailureKind = 'quota' | 'stale' | 'closed' | 'unavailable' | 'blocked' | 'other'

export interface SaveFailure {
  kind: SaveFailureKind
  /** The error as the browser or Dexie gave it, for "Details". */
  detail: string
}

/** The app's own refusal when another tab keeps an older version of the database open. */
export class StorageBlockedError extends Error {
  constructor() {
    super('the database upgrade is blocked by another tab that keeps it open')
    this.name = 'StorageBlockedError'
  }
}

const KINDS: Record<string, SaveFailureKind> = {
  QuotaExceededError: 'quota',
  StaleCardError: 'stale',
  NothingToUndoError: 'stale',
  DatabaseClosedError: 'closed',
  VersionError: 'closed',
  VersionChangeError: 'closed',
  StorageBlockedError: 'blocked',
  MissingAPIError: 'unavailable',
  OpenFailedError: 'unavailable',
  InvalidStateError: 'unavailable',
  SecurityError: 'unavailable',
  UnknownError: 'unavailable',
}

interface ErrorLike {
  name?: unknown
  message?: unknown
  inner?: unknown
  cause?: unknown
  code?: unknown
}

/** The error and the ones it wraps (Dexie's `inner`, the standard `cause`), outermost first. */
function chain(e: unknown): ErrorLike[] {
  const out: ErrorLike[] = []
  let at: unknown = e
  while (at !== null && typeof at === 'object' && out.length < 5) {
    const x = at as ErrorLike
    out.push(x)
    at = x.inner ?? x.cause
  }
  return out
}

export function saveFailure(e: unknown): SaveFailure {
  const errors = chain(e)
  // Dexie appends its inner error to its own message: each error once, on its first line.
  const parts: string[] = []
  for (const x of errors) {
    const part = `${String(x.name ?? 'Error')}: ${String(x.message ?? '').split('\n')[0]}`
    if (!parts.includes(part)) parts.push(part)
  }
  const detail = errors.length === 0 ? String(e) : parts.join(' ← ')
  for (const x of errors) {
    const name = String(x.name ?? '')
    // A user-content write whose card or deck vanished meanwhile (deleted in another tab).
    if (name === 'UserContentError' && x.code === 'notFound') return { kind: 'stale', detail }
    const kind = KINDS[name]
    // Chromium reports a full disk on commit as an AbortError whose message names the quota.
    if (kind === undefined && /quota/i.test(String(x.message ?? ''))) return { kind: 'quota', detail }
    if (kind !== undefined) return { kind, detail }
  }
  return { kind: 'other', detail }
}

/** True for failures of the storage itself (not a bug of the app): worth telling the learner about. */
export function isStorageFailure(e: unknown): boolean {
  return saveFailure(e).kind !== 'other'
}
