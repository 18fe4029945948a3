// The cards the final review and a mock interview draw from, with FSRS loaded to weigh them.
import { getDb } from '../../db/database'
import { loadStudyPool } from '../../db/interview-repository'
import { memoryOf } from '../../domain/scheduling/schedule'
import type { useSettingsStore } from '../settings'

export type Pool = Awaited<ReturnType<typeof loadStudyPool>>

export function createStudyPool(settingsStore: ReturnType<typeof useSettingsStore>) {
  /** The cards to draw from, with FSRS loaded to weigh them (see the settings store). */
  async function load(): Promise<Pool> {
    const [pool] = await Promise.all([loadStudyPool(getDb()), settingsStore.loadScheduler()])
    return pool
  }

  /** A card's probability of recall at a moment, by the scheduler; 0 for a card without a schedule. */
  function retrievabilityOf(pool: Pool) {
    const { scheduler } = settingsStore
    return (cardId: string, atMs: number) => {
      const s = pool.schedules.get(cardId)
      return s ? scheduler.retrievability(memoryOf(s), cardId, atMs) : 0
    }
  }

  return { load, retrievabilityOf }
}

export type StudyPool = ReturnType<typeof createStudyPool>
