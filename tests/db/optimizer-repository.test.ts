// The optimiser's writes: weights applied with the previous ones kept, refused when ts-fsrs refuses
// them, taken back; every studied card rescheduled in one transaction with the log untouched.
import { default_w } from 'ts-fsrs'
import { beforeEach, describe, expect, it } from 'vitest'
import type { PmDatabase } from '../../src/db/database'
import { syncBuiltinDecks } from '../../src/db/deck-sync'
import { applyWeights, InvalidWeightsError, loadFitRecord, rescheduleAll, revertWeights } from '../../src/db/optimizer-repository'
import { loadSettings } from '../../src/db/settings-repository'
import { answerCard } from '../../src/db/study-repository'
import { createScheduler } from '../../src/domain/scheduling/scheduler'
import { normalizeSettings } from '../../src/domain/settings'
import { basicCard, deckOf, freshDb } from './helpers'

const NOW = Date.parse('2026-11-26T09:00:00Z')
const fit = { logLoss: 0.3, rmseBins: 0.05, items: 100 }
const fitted = default_w.map((w, i) => (i === 2 ? w * 4 : w))
let db: PmDatabase

beforeEach(async () => {
  db = freshDb()
  await syncBuiltinDecks(db, [deckOf('d1', [basicCard('d1', 'a', 'Qa', 'Aa', 0), basicCard('d1', 'b', 'Qb', 'Ab', 1)])], NOW - 1000)
})

describe('optimiser writes', () => {
  it('applies weights with the ones they replace, and goes back to them', async () => {
    await applyWeights(db, { atMs: NOW, weights: fitted, current: fit, fitted: { ...fit, logLoss: 0.28 }, reviewsUsed: 500 })
    expect((await loadSettings(db)).fsrsWeights).toEqual(fitted)
    expect((await loadFitRecord(db))?.previousWeights).toBeNull()
    await revertWeights(db)
    expect((await loadSettings(db)).fsrsWeights).toBeNull()
    expect(await loadFitRecord(db)).toBeNull()
  })

  it('refuses weights ts-fsrs refuses, and writes nothing', async () => {
    const bad = [...fitted.slice(0, 20), Number.NaN]
    await expect(applyWeights(db, { atMs: NOW, weights: bad, current: fit, fitted: fit, reviewsUsed: 500 })).rejects.toBeInstanceOf(InvalidWeightsError)
    expect((await loadSettings(db)).fsrsWeights).toBeNull()
    expect(await loadFitRecord(db)).toBeNull()
  })

  it('reschedules the studied cards from their history with the weights in use, leaving the log as it was', async () => {
    const plain = createScheduler(normalizeSettings({}), { fuzz: false })
    for (const [t, g] of [[NOW, 3], [NOW + 600_000, 3], [NOW + 3 * 86_400_000, 3]] as const) {
      const shown = (await db.schedules.get('a'))!
      await answerCard(db, { cardId: 'a', shown, grade: g, nowMs: t, durationMs: 5000, scheduler: plain, newId: () => `r${t}` })
    }
    const log = await db.reviews.toArray()
    const before = (await db.schedules.get('a'))!
    const changed = await rescheduleAll(db, createScheduler(normalizeSettings({ fsrsWeights: fitted }), { fuzz: false }))
    expect(changed).toBe(1)
    const after = (await db.schedules.get('a'))!
    expect(after.stability).toBeGreaterThan(before.stability)
    expect(after.due).toBeGreaterThan(before.due)
    expect(after.version).toBe(before.version + 1)
    expect(await db.reviews.toArray()).toEqual(log)
    // The card never studied is left as it was.
    expect((await db.schedules.get('b'))!.version).toBe(1)
  })
})
