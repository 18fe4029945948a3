// What a device uploads when it starts syncing: its own decks and cards (first, so another device
// has a card before its answers), its whole review log (and resets) as events, and, when it
// creates the space, its registers (card states and tags, hidden decks, settings, the
// interview date, mock interviews). A device that joins sends only its log: the space's registers
// are the learner's already, and this device's defaults must not overwrite them.
import { CardState } from '../domain/scheduling/schedule'
import type { SyncRecord } from '../domain/sync/records'
import { reviewRecord } from '../domain/sync/local-records'
import type { PmDatabase } from './database'
import { outboxTables, queueChanges, syncStamp } from './sync-outbox'
import { SYNCED_META, SYNCED_SETTINGS } from './sync-registers'
import { normalizeSettings } from '../domain/settings'
import { isLeech } from '../domain/leech'
import { cardRecord, deckRecord } from './sync-content'

export const seedTables = (db: PmDatabase) => [db.reviews, db.schedules, db.cards, db.decks, db.settings, db.meta, db.mockInterviews, ...outboxTables(db)]

/** `known`: events the space already holds (a restore re-uploads only what the file added). */
export async function seedOutbox(db: PmDatabase, withRegisters: boolean, nowMs: number, known: ReadonlySet<string> = new Set()): Promise<number> {
  return db.transaction('rw', seedTables(db), async () => {
    // The learner's own decks and cards go up from every device: they exist nowhere else.
    const own = syncStamp(nowMs)
    const records: SyncRecord[] = [
      ...(await db.decks.toArray()).filter((d) => d.origin === 'user' && !d.retired).map((d) => deckRecord(d.id, d, own)),
      ...(await db.cards.toArray()).filter((c) => c.origin === 'user' && !c.retired).map((c) => cardRecord(c.id, c, own)),
      ...(await db.reviews.toArray()).filter((r) => !known.has(r.id)).map(reviewRecord),
    ]
    const schedules = await db.schedules.toArray()
    for (const s of schedules) {
      // Forgotten before sync existed, and not answered since: the reset travels as an event.
      if (s.state === CardState.New && s.reps > 0 && !known.has(`seed-${s.cardId}-${s.due}`)) records.push({ k: 'reset', id: `seed-${s.cardId}-${s.due}`, cardId: s.cardId, at: s.due })
    }
    if (withRegisters) {
      const stamp = () => syncStamp(nowMs)
      for (const s of schedules) {
        if (s.suspended || s.buriedUntilDay || s.flag) records.push({ k: 'set', entity: 'cardState', key: s.cardId, fields: { suspended: s.suspended, buriedUntilDay: s.buriedUntilDay, flag: s.flag ?? 0 }, hlc: stamp() })
      }
      for (const c of await db.cards.toArray()) if (isLeech(c.tags)) records.push({ k: 'set', entity: 'cardTags', key: c.id, fields: { tags: c.tags }, hlc: stamp() })
      for (const d of await db.decks.toArray()) if (d.hidden) records.push({ k: 'set', entity: 'deckHidden', key: d.id, fields: { hidden: true }, hlc: stamp() })
      const settings = normalizeSettings((await db.settings.get('settings'))?.value)
      for (const name of SYNCED_SETTINGS) records.push({ k: 'set', entity: 'setting', key: name, fields: { value: settings[name] }, hlc: stamp() })
      for (const key of SYNCED_META) {
        const row = await db.meta.get(key)
        if (row) records.push({ k: 'set', entity: 'meta', key, fields: { value: row.value }, hlc: stamp() })
      }
      for (const m of await db.mockInterviews.toArray()) if (m.finishedAt !== null) records.push({ k: 'set', entity: 'mockInterview', key: m.id, fields: { row: m }, hlc: stamp() })
    }
    await queueChanges(db, records)
    return records.length
  })
}
