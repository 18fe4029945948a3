// What the server holds after real encrypted changes and a snapshot: a dump of every table has no
// card text, deck name, grade, review date, key or token in the clear.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Db } from '../../server/store/db'
import { encryptChange, encryptSnapshot } from '../../src/sync/cipher'
import { deriveSpaceSecrets, encodeSpaceKey, generateSpaceKey } from '../../src/sync/space-key'
import { envelope, type SyncRecord } from '../../src/domain/sync/records'
import { changeId, harness, migrated } from './server-harness'
import { backends } from './backends'

const CARD_TEXT = 'Le Product Manager fédère sans autorité hiérarchique'
const DECK_NAME = 'Mon paquet secret de révision'
const REVIEWED_AT = Date.UTC(2026, 10, 27, 8, 31, 12)

async function dump(db: Db): Promise<string> {
  const tables = await db.query<{ table_name: string }>("SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'")
  const out: string[] = []
  for (const { table_name } of tables) {
    for (const row of await db.query(`SELECT * FROM ${table_name}`)) {
      for (const value of Object.values(row)) {
        if (value instanceof Uint8Array) out.push(Buffer.from(value).toString('latin1'), Buffer.from(value).toString('utf8'), Buffer.from(value).toString('hex'))
        else out.push(String(value))
      }
    }
  }
  return out.join('\n')
}

describe.each(backends())('the server database on $name', (backend) => {
  let db: Db
  beforeAll(async () => {
    db = await migrated(await backend.open())
  })
  afterAll(() => db?.close())

  it('holds ciphertext, sizes and numbers only', async () => {
    const h = harness(db)
    const key = generateSpaceKey()
    const { spaceId, token, cipherKey } = await deriveSpaceSecrets(key)
    expect((await h.request(`/spaces/${spaceId}`, { method: 'PUT', token })).status).toBe(201)
    const records: SyncRecord[] = [
      { k: 'review', id: 'review-1', cardId: 'ceo-federate-cloze', deckId: '01-role', grade: 3, reviewedAt: REVIEWED_AT, durationMs: 5100, wasNew: false },
      { k: 'set', entity: 'userDeck', key: 'my-deck', fields: { row: { title: { fr: DECK_NAME, en: DECK_NAME } } }, hlc: '00000000001.00000.dev' },
      { k: 'set', entity: 'userCard', key: 'my-card', fields: { row: { front: CARD_TEXT } }, hlc: '00000000001.00001.dev' },
    ]
    const changes = await Promise.all(
      records.map(async (record) => {
        const id = changeId()
        return { id, body: await encryptChange(cipherKey, spaceId, id, envelope(record)) }
      }),
    )
    expect((await h.push(spaceId, token, changes)).status).toBe(200)
    const snapshot = await encryptSnapshot(cipherKey, spaceId, 2, { records })
    expect((await h.request(`/spaces/${spaceId}/snapshot?upto=2`, { method: 'PUT', token, body: snapshot as BodyInit, headers: { 'content-type': 'application/octet-stream' } })).status).toBe(204)

    const text = await dump(db)
    expect(text).toContain(spaceId)
    const secrets = [CARD_TEXT, 'fédère', DECK_NAME, 'paquet', 'ceo-federate-cloze', 'review-1', '"grade"', String(REVIEWED_AT), '2026-11-27', token, encodeSpaceKey(key)]
    for (const secret of secrets) expect(text, secret).not.toContain(secret)
    expect(h.logs.join('\n')).not.toContain(token)
  })
})
