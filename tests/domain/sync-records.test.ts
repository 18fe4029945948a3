import { describe, expect, it } from 'vitest'
import { envelope, parseEnvelope, type SyncRecord } from '../../src/domain/sync/records'

const review: SyncRecord = { k: 'review', id: 'r1', cardId: 'c1', deckId: 'd1', grade: 3, reviewedAt: 1_760_000_000_000, durationMs: 4200, wasNew: true }

describe('sync records', () => {
  it('reads back every kind of record it writes', () => {
    const records: SyncRecord[] = [
      review,
      { k: 'reset', id: 'f1', cardId: 'c1', at: 1_760_000_000_500 },
      { k: 'remove', id: 'r1', cardId: 'c1' },
      { k: 'set', entity: 'cardState', key: 'c1', fields: { suspended: true, flag: 2 }, hlc: '00000000001.00000.dev' },
      { k: 'set', entity: 'setting', key: 'desiredRetention', fields: { value: 0.9 }, hlc: '00000000001.00001.dev' },
    ]
    for (const record of records) expect(parseEnvelope(JSON.parse(JSON.stringify(envelope(record))))).toEqual({ ok: true, record })
  })

  it('sets aside what another app version wrote, and anything malformed, apart', () => {
    expect(parseEnvelope({ v: 2, r: review })).toEqual({ ok: false, reason: 'version' })
    const bad = [
      null,
      'text',
      { v: 1 },
      { v: 1, r: { ...review, grade: 5 } },
      { v: 1, r: { ...review, reviewedAt: -1 } },
      { v: 1, r: { k: 'set', entity: 'cardState', key: 'c1', fields: { schedule: 1 }, hlc: '00000000001.00000.dev' } },
      { v: 1, r: { k: 'set', entity: 'cardState', key: 'c1', fields: {}, hlc: '00000000001.00000.dev' } },
      { v: 1, r: { k: 'set', entity: 'cardState', key: 'c1', fields: { flag: 1 }, hlc: 'yesterday' } },
      { v: 1, r: { k: 'drop-table', id: 'x' } },
    ]
    for (const value of bad) expect(parseEnvelope(value)).toEqual({ ok: false, reason: 'invalid' })
  })
})
