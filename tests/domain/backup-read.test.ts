// Reading a backup file: a valid one is accepted as is; each bad one is refused naming what is wrong.
import { describe, expect, it } from 'vitest'
import { CARD_KINDS } from '../../src/domain/content/deck-schema'
import { endsOpen, firstInvalidUtf8 } from '../../src/domain/backup/decode'
import { BACKUP_FORMAT_VERSION, serializeBackup, type BackupFile } from '../../src/domain/backup/format'
import { MAX_PROBLEMS } from '../../src/domain/backup/problems'
import { readBackup } from '../../src/domain/backup/read-backup'
import { rowSchemas } from '../../src/domain/backup/schema'
import { BAD_CASES, fiftyMegabytes, like } from '../fixtures/bad-backups/cases'
import { editable, encode, NOW, validBackup, validText } from '../fixtures/bad-backups/base'

describe('a valid backup', () => {
  it('is read back exactly, with what it holds', () => {
    const backup = validBackup()
    const bytes = encode(serializeBackup(backup))
    const result = readBackup(bytes, NOW)
    expect(result.ok).toBe(true)
    if (!result.ok) return
    expect(result.backup).toEqual(JSON.parse(JSON.stringify(backup)))
    expect(result.summary).toEqual({ exportedAt: backup.exportedAt, appVersion: '0.1.0', counts: backup.counts, bytes: bytes.length })
    expect(result.summary.counts).toMatchObject({ decks: 2, cards: 6, schedules: 6, reviews: 12, mockInterviews: 2 })
  })

  it('is written one row a line and parses to the same value as plain JSON', () => {
    const backup = validBackup()
    const text = serializeBackup(backup)
    expect(JSON.parse(text)).toEqual(JSON.parse(JSON.stringify(backup)))
    expect(text.split('\n').length).toBeGreaterThan(backup.tables.reviews.length)
    expect(JSON.parse(text).formatVersion).toBe(BACKUP_FORMAT_VERSION)
  })

  it('accepts a UTF-8 byte-order mark, and dates a little ahead (another device’s clock)', () => {
    const withBom = new Uint8Array([0xef, 0xbb, 0xbf, ...encode(validText())])
    expect(readBackup(withBom, NOW).ok).toBe(true)
    const b = editable()
    b.exportedAt = NOW + 3_600_000
    b.tables.reviews[0].reviewedAt = NOW + 3_600_000
    expect(readBackup(encode(JSON.stringify(b)), NOW).ok).toBe(true)
  })

  it('keeps fields it does not know (added by other features) untouched', () => {
    const b = editable()
    b.tables.schedules[0].someLaterField = 'x'
    b.tables.cards[0].content.markdown = true
    b.tables.decks[0].hidden = true
    const result = readBackup(encode(JSON.stringify(b)), NOW)
    expect(result.ok && result.backup.tables.schedules[0]!.someLaterField).toBe('x')
    expect(result.ok && result.backup.tables.decks[0]!.hidden).toBe(true)
  })

  it('reads a file from before flags had colours: a flagged card is red, an unflagged one has none', () => {
    const b = editable()
    b.tables.schedules[0].flagged = true
    if (b.tables.schedules[1]) b.tables.schedules[1].flagged = false
    const result = readBackup(encode(JSON.stringify(b)), NOW)
    if (!result.ok) throw new Error('refused')
    expect(result.backup.tables.schedules[0]).toMatchObject({ flag: 1 })
    expect('flagged' in result.backup.tables.schedules[0]!).toBe(false)
    if (b.tables.schedules[1]) expect(result.backup.tables.schedules[1]!.flag ?? 0).toBe(0)
  })

  it('refuses a flag colour Anki does not have', () => {
    const b = editable()
    b.tables.schedules[0].flag = 9
    expect(readBackup(encode(JSON.stringify(b)), NOW).ok).toBe(false)
  })

  it('checks every card kind the deck schema knows', () => {
    const kinds = rowSchemas(NOW).cards.entries.content.options.map((o) => o.entries.kind.literal)
    expect([...kinds].sort()).toEqual([...CARD_KINDS].sort())
  })
})

describe('bad backup files', () => {
  it(`tries at least 25 of them`, () => {
    expect(BAD_CASES.length).toBeGreaterThanOrEqual(25)
    expect(new Set(BAD_CASES.map((c) => c.name)).size).toBe(BAD_CASES.length)
  })

  for (const bad of BAD_CASES) {
    it(`refuses ${bad.name}`, () => {
      const result = readBackup(bad.bytes(), NOW)
      expect(result.ok).toBe(false)
      if (result.ok) return
      expect(result.problems.length).toBeGreaterThan(0)
      expect(result.problems).toContainEqual(like(bad.expected))
    })
  }

  it('refuses a 50 MB file whose very last review is broken, naming that review', () => {
    const big = fiftyMegabytes()
    expect(big.bytes.length).toBeGreaterThanOrEqual(50 * 1024 * 1024)
    const started = performance.now()
    const result = readBackup(big.bytes, NOW)
    const ms = performance.now() - started
    expect(result.ok).toBe(false)
    if (!result.ok) expect(result.problems).toEqual([like(big.expected)])
    console.log(`50 MB bad backup (${big.reviews} reviews, ${big.bytes.length} bytes) checked in ${ms.toFixed(0)} ms`)
  }, 60_000)

  it('refuses a file larger than the limit before decoding it', () => {
    expect(readBackup(encode(validText()), NOW, 1000)).toEqual({ ok: false, problems: [{ code: 'tooLarge', bytes: expect.any(Number), maxBytes: 1000 }] })
  })

  it('says where a problem lies as a learner looks for it: the row, the line of the file, the card', () => {
    const b = editable()
    b.tables.reviews[2].grade = 9
    const text = serializeBackup(b as BackupFile)
    const result = readBackup(encode(text), NOW)
    if (result.ok) throw new Error('accepted')
    const [problem] = result.problems
    const card = b.tables.cards.find((c: { id: string }) => c.id === b.tables.reviews[2].cardId)
    expect(problem).toMatchObject({ code: 'field', path: 'reviews[2].grade', place: { table: 'reviews', row: 3, id: b.tables.reviews[2].id } })
    // The line given is the review's own line in the file, as a text editor numbers it.
    const line = problem && 'place' in problem ? problem.place?.line : undefined
    expect(line).toBeGreaterThan(3)
    expect(text.split('\n')[line! - 1]).toContain(`"grade":9`)
    // The card's question, gaps hidden as on the card.
    const question = problem && 'place' in problem ? problem.place?.card : undefined
    expect(question).toBeDefined()
    expect(JSON.stringify(question)).not.toContain('{{c')
    expect(card).toBeDefined()
    // A file laid out otherwise (reformatted by hand): the row number, never a wrong line.
    const pretty = readBackup(encode(JSON.stringify(b, null, 2)), NOW)
    expect(!pretty.ok && pretty.problems[0]).toMatchObject({ place: { table: 'reviews', row: 3 } })
    expect(!pretty.ok && pretty.problems[0] && 'place' in pretty.problems[0] && pretty.problems[0].place?.line).toBeUndefined()
  })

  it('stops at a bounded number of problems however broken the file', () => {
    const b = editable()
    for (const r of b.tables.reviews) r.grade = 0
    for (const s of b.tables.schedules) s.state = 9
    const result = readBackup(encode(JSON.stringify(b)), NOW)
    expect(!result.ok && result.problems.length).toBeGreaterThan(1)
    expect(!result.ok && result.problems.length).toBeLessThanOrEqual(MAX_PROBLEMS)
  })
})

describe('decoding helpers', () => {
  it('finds the first byte that is not UTF-8', () => {
    expect(firstInvalidUtf8(encode('été 🚀'))).toBe(-1)
    expect(firstInvalidUtf8(Uint8Array.from([0x61, 0xe9, 0x62]))).toBe(1) // Latin-1 é
    expect(firstInvalidUtf8(Uint8Array.from([0x61, 0xc0, 0xaf]))).toBe(1) // overlong
    expect(firstInvalidUtf8(Uint8Array.from([0xed, 0xa0, 0x80]))).toBe(0) // surrogate
    expect(firstInvalidUtf8(Uint8Array.from([0x61, 0xf0, 0x9f]))).toBe(1) // cut in the middle
  })

  it('tells a file cut short from one with an error inside', () => {
    expect(endsOpen('{"a": [1, 2')).toBe(true)
    expect(endsOpen('{"a": "te')).toBe(true)
    expect(endsOpen('{"a": "}]\\"" }')).toBe(false)
  })
})
