// A failed write, told apart by what the learner can do about it: storage full, changed elsewhere,
// the database closed by a newer version in another tab, storage unavailable or blocked.
import Dexie from 'dexie'
import { describe, expect, it } from 'vitest'
import { saveFailure, StorageBlockedError } from '../../src/db/save-failure'
import { StaleCardError } from '../../src/db/study-reads'
import { UserContentError } from '../../src/db/user-content-repository'
import { freshDb } from './helpers'

describe('saveFailure', () => {
  it('tells a full disk, however the browser or Dexie wraps it', () => {
    expect(saveFailure(new DOMException('The quota has been exceeded.', 'QuotaExceededError'))).toEqual({
      kind: 'quota',
      detail: 'QuotaExceededError: The quota has been exceeded.',
    })
    const wrapped = new Dexie.AbortError('Transaction aborted', new DOMException('quota', 'QuotaExceededError'))
    // Dexie repeats the inner error in its own message: each said once.
    expect(saveFailure(wrapped)).toEqual({ kind: 'quota', detail: 'AbortError: Transaction aborted ← QuotaExceededError: quota' })
    const dexieQuota = new Dexie.QuotaExceededError('The quota has been exceeded.', new DOMException('The quota has been exceeded.', 'QuotaExceededError'))
    expect(saveFailure(dexieQuota).detail).toBe('QuotaExceededError: The quota has been exceeded.')
    // From the backup worker, where only the name and message cross over.
    expect(saveFailure(Object.assign(new Error('Transaction aborted: QuotaExceededError'), { name: 'AbortError' })).kind).toBe('quota')
  })

  it('tells a row changed elsewhere, a closed or blocked database, and storage that is not there', () => {
    expect(saveFailure(new StaleCardError('c1')).kind).toBe('stale')
    expect(saveFailure(new UserContentError('notFound', 'deck d is gone')).kind).toBe('stale')
    expect(saveFailure(new UserContentError('builtin', 'built-in')).kind).toBe('other')
    expect(saveFailure(new Dexie.DatabaseClosedError()).kind).toBe('closed')
    expect(saveFailure(new Dexie.VersionError('newer')).kind).toBe('closed')
    expect(saveFailure(new Dexie.MissingAPIError('IndexedDB API missing')).kind).toBe('unavailable')
    expect(saveFailure(new Dexie.OpenFailedError('open failed', new DOMException('denied', 'InvalidStateError'))).kind).toBe('unavailable')
    expect(saveFailure(new StorageBlockedError()).kind).toBe('blocked')
    expect(saveFailure(new TypeError('x is undefined'))).toEqual({ kind: 'other', detail: 'TypeError: x is undefined' })
    expect(saveFailure('odd')).toEqual({ kind: 'other', detail: 'odd' })
  })

  it('recognises what Dexie really throws on a database closed under it', async () => {
    const db = freshDb()
    await db.open()
    db.close({ disableAutoOpen: true })
    const error = await db.cards.get('x').then(
      () => null,
      (e: unknown) => e,
    )
    expect(saveFailure(error).kind).toBe('closed')
  })
})
