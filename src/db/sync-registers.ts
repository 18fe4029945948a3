// Writing a register's winning fields into the rows they live in.
import type { Entity } from '../domain/sync/records'
import { normalizeSettings } from '../domain/settings'
import type { MockInterviewRow, PmDatabase } from './database'

/** Settings that belong to the learner and travel; the theme, the interface language and the tap guard stay on each device. */
export const SYNCED_SETTINGS = ['desiredRetention', 'learningSteps', 'relearningSteps', 'maximumIntervalDays', 'newPerDay', 'reviewsPerDay', 'rolloverHour', 'studyLanguage', 'leechThreshold', 'leechAction'] as const

/** App facts that travel (meta keys). */
export const SYNCED_META = ['interviewDate'] as const

export async function applyRegister(db: PmDatabase, entity: Entity, key: string, fields: Record<string, unknown>): Promise<void> {
  switch (entity) {
    case 'cardState': {
      const row = await db.schedules.get(key)
      if (!row) return
      const patch: Record<string, unknown> = {}
      if (typeof fields.suspended === 'boolean') patch.suspended = fields.suspended
      if (typeof fields.buriedUntilDay === 'number') patch.buriedUntilDay = fields.buriedUntilDay
      if (typeof fields.flag === 'number') patch.flag = fields.flag
      await db.schedules.put({ ...row, ...patch, version: row.version + 1 })
      return
    }
    case 'cardTags': {
      const row = await db.cards.get(key)
      if (row && Array.isArray(fields.tags)) await db.cards.put({ ...row, tags: fields.tags.filter((t): t is string => typeof t === 'string') })
      return
    }
    case 'deckHidden': {
      const row = await db.decks.get(key)
      if (row && typeof fields.hidden === 'boolean') await db.decks.put({ ...row, hidden: fields.hidden })
      return
    }
    case 'setting': {
      if (!(SYNCED_SETTINGS as readonly string[]).includes(key)) return
      const row = await db.settings.get('settings')
      const next = normalizeSettings({ ...(row?.value as object | undefined), [key]: fields.value })
      await db.settings.put({ key: 'settings', value: next })
      return
    }
    case 'meta': {
      if (!(SYNCED_META as readonly string[]).includes(key)) return
      if (fields.value === null || fields.value === undefined) await db.meta.delete(key)
      else await db.meta.put({ key, value: fields.value })
      return
    }
    case 'mockInterview': {
      const row = fields.row as MockInterviewRow | null
      if (row && typeof row === 'object' && row.id === key) await db.mockInterviews.put(row)
      return
    }
    case 'userDeck':
    case 'userCard':
      // Applied by sync-apply itself (sync-content.ts): called from here, one async level deeper,
      // Dexie lost its transaction after the first such record of a batch (PrematureCommitError).
      return
  }
}
