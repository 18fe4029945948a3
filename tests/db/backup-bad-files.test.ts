// Bad files and failures halfway: the database stays exactly as it was (a full dump compared).
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import type { PmDatabase } from '../../src/db/database'
import { dumpTables, exportBackup, importBackup } from '../../src/db/backup-repository'
import { BACKUP_TABLES, type BackupFile, type BackupTables } from '../../src/domain/backup/format'
import { readBackup } from '../../src/domain/backup/read-backup'
import { createScheduler } from '../../src/domain/scheduling/scheduler'
import { DEFAULT_SETTINGS } from '../../src/domain/settings'
import { createBackupHandler, NothingToImportError } from '../../src/workers/backup-handler'
import { BAD_CASES } from '../fixtures/bad-backups/cases'
import { NOW, validText } from '../fixtures/bad-backups/base'
import { generateHistory } from '../fixtures/bad-backups/history'
import { freshDb } from './helpers'

const scheduler = createScheduler(DEFAULT_SETTINGS, { fuzz: true })
let device: PmDatabase
let before: BackupTables
let good: BackupFile

beforeAll(async () => {
  device = freshDb()
  const tables = generateHistory({ cards: 40, reviews: 200, decks: 3, untouched: 5, endMs: NOW - 86_400_000, seed: 11 })
  await device.transaction('rw', device.tables, async () => {
    for (const t of BACKUP_TABLES) await device.table(t).bulkAdd(tables[t])
  })
  before = await dumpTables(device)
  const read = readBackup(new TextEncoder().encode(validText()), NOW)
  if (!read.ok) throw new Error('the valid fixture does not read')
  good = read.backup
})
afterEach(() => {
  vi.restoreAllMocks()
})

describe('a bad file changes nothing', () => {
  for (const bad of BAD_CASES) {
    it(`${bad.name}: refused, then neither replace nor merge can run, data unchanged`, async () => {
      const handle = createBackupHandler(() => device)
      // A good file checked first: a bad one read afterwards must not leave the good one importable.
      await handle({ type: 'inspect', file: new Blob([validText()]), nowMs: NOW })
      const reply = await handle({ type: 'inspect', file: new Blob([bad.bytes() as BlobPart]), nowMs: NOW })
      expect(reply).toMatchObject({ type: 'inspected', ok: false })
      for (const mode of ['replace', 'merge'] as const) {
        await expect(handle({ type: 'import', mode, settings: DEFAULT_SETTINGS })).rejects.toBeInstanceOf(NothingToImportError)
      }
      expect(await dumpTables(device)).toEqual(before)
    })
  }
})

describe('a failure halfway through the import transaction', () => {
  it('replace: every table cleared and half rewritten, then a write fails: all rolled back', async () => {
    const reviews = device.table('reviews')
    // Fail on the 4th table, after decks, cards and schedules were cleared and rewritten.
    const original = Object.getPrototypeOf(reviews).bulkAdd as (...a: unknown[]) => Promise<unknown>
    vi.spyOn(Object.getPrototypeOf(reviews), 'bulkAdd').mockImplementation(function (this: { name: string }, ...args: unknown[]) {
      if (this.name === 'reviews') return Promise.reject(new Error('disk full (simulated)'))
      return original.apply(this, args)
    })
    await expect(importBackup(device, good, 'replace', scheduler)).rejects.toThrow(/disk full/)
    expect(await dumpTables(device)).toEqual(before)
  })

  it('merge: reviews added, then writing the schedules fails: all rolled back', async () => {
    const schedules = device.table('schedules')
    const original = Object.getPrototypeOf(schedules).bulkPut as (...a: unknown[]) => Promise<unknown>
    vi.spyOn(Object.getPrototypeOf(schedules), 'bulkPut').mockImplementation(function (this: { name: string }, ...args: unknown[]) {
      if (this.name === 'schedules') return Promise.reject(new Error('quota exceeded (simulated)'))
      return original.apply(this, args)
    })
    // Merging this device's own export plus one new review on a known card forces a schedule write.
    const { backup } = await exportBackup(device, NOW, '0.1.0')
    const r = structuredClone(backup.tables.reviews.at(-1)!)
    backup.tables.reviews.push({ ...r, id: 'from-elsewhere', reviewedAt: (r.reviewedAt as number) + 3_600_000 })
    await expect(importBackup(device, backup, 'merge', scheduler)).rejects.toThrow(/quota exceeded/)
    expect(await dumpTables(device)).toEqual(before)
  })

  it('a replay that throws inside the transaction rolls everything back too', async () => {
    const { backup } = await exportBackup(device, NOW, '0.1.0')
    // The file lacks this device's last review of a card and has another one: the card must be replayed.
    const last = backup.tables.reviews.at(-1)!
    backup.tables.reviews[backup.tables.reviews.length - 1] = { ...structuredClone(last), id: 'parallel-review' }
    const broken = { ...scheduler, answer: () => { throw new Error('FSRS refused (simulated)') } }
    await expect(importBackup(device, backup, 'merge', broken)).rejects.toThrow(/FSRS refused/)
    expect(await dumpTables(device)).toEqual(before)
  })
})
