import { describe, expect, it } from 'vitest'
import { decryptChange, decryptSnapshot, DecryptError, encryptChange, encryptSnapshot } from '../../src/sync/cipher'
import { decodeSpaceKey, deriveSpaceSecrets, encodeSpaceKey, generateSpaceKey } from '../../src/sync/space-key'
import { joinLink, keyFromJoinLink } from '../../src/sync/join-link'
import { fromBase64url, toBase64url } from '../../src/sync/base64url'
import { qrPicture, QUIET_ZONE } from '../../src/sync/qr-code'

const fixedKey = Uint8Array.from({ length: 32 }, (_, i) => i)

describe('space key', () => {
  it('derives the same id, token and cipher key from the same key, and different ones from another', async () => {
    const a = await deriveSpaceSecrets(fixedKey)
    const again = await deriveSpaceSecrets(Uint8Array.from(fixedKey))
    const other = await deriveSpaceSecrets(generateSpaceKey())
    expect(a.spaceId).toMatch(/^[A-Za-z0-9_-]{43}$/)
    expect(a.token).toMatch(/^[A-Za-z0-9_-]{43}$/)
    expect([again.spaceId, again.token]).toEqual([a.spaceId, a.token])
    expect(a.spaceId).not.toBe(a.token)
    expect(other.spaceId).not.toBe(a.spaceId)
    // Neither the id nor the token is the key, and the cipher key cannot be exported.
    for (const derived of [a.spaceId, a.token]) expect(derived).not.toContain(encodeSpaceKey(fixedKey).slice(0, 10))
    expect(a.cipherKey.extractable).toBe(false)
    const sealed = await encryptChange(a.cipherKey, a.spaceId, 'change-000000000001', { x: 1 })
    expect(await decryptChange(again.cipherKey, a.spaceId, 'change-000000000001', sealed)).toEqual({ x: 1 })
  })

  it('reads a key back from its text, and nothing else', () => {
    const key = generateSpaceKey()
    expect(decodeSpaceKey(encodeSpaceKey(key))).toEqual(key)
    for (const bad of ['', 'abc', encodeSpaceKey(key).slice(1), encodeSpaceKey(key) + 'AA', '!'.repeat(43)]) expect(decodeSpaceKey(bad)).toBeUndefined()
  })

  it('puts the key in the fragment of the join link, never in what is sent to a server', () => {
    const key = generateSpaceKey()
    const link = joinLink('https://cards.example', key)
    const url = new URL(link)
    expect(url.origin + url.pathname + url.search).not.toContain(encodeSpaceKey(key))
    expect(keyFromJoinLink(link)).toEqual(key)
    expect(keyFromJoinLink(url.hash)).toEqual(key)
    expect(keyFromJoinLink('https://cards.example/sync/join#key=short')).toBeUndefined()
    expect(keyFromJoinLink('https://cards.example/sync/join')).toBeUndefined()
  })
})

describe('change encryption', () => {
  it('round-trips a record, with a fresh nonce each time', async () => {
    const { cipherKey, spaceId } = await deriveSpaceSecrets(fixedKey)
    const record = { k: 'review', note: 'Le PM « porte » la vision', grade: 3 }
    const a = await encryptChange(cipherKey, spaceId, 'id-0000000000000001', record)
    const b = await encryptChange(cipherKey, spaceId, 'id-0000000000000001', record)
    expect(a).not.toBe(b)
    expect(a).not.toContain('vision')
    expect(await decryptChange(cipherKey, spaceId, 'id-0000000000000001', a)).toEqual(record)
  })

  it('refuses a change tampered with, moved to another id or space, or under another key', async () => {
    const { cipherKey, spaceId } = await deriveSpaceSecrets(fixedKey)
    const other = await deriveSpaceSecrets(generateSpaceKey())
    const sealed = await encryptChange(cipherKey, spaceId, 'id-0000000000000001', { a: 1 })
    const bytes = fromBase64url(sealed)
    bytes[20] = bytes[20]! ^ 1
    const attempts = [
      () => decryptChange(cipherKey, spaceId, 'id-0000000000000001', toBase64url(bytes)),
      () => decryptChange(cipherKey, spaceId, 'id-0000000000000002', sealed),
      () => decryptChange(cipherKey, other.spaceId, 'id-0000000000000001', sealed),
      () => decryptChange(other.cipherKey, spaceId, 'id-0000000000000001', sealed),
      () => decryptChange(cipherKey, spaceId, 'id-0000000000000001', 'AAAA'),
      () => decryptChange(cipherKey, spaceId, 'id-0000000000000001', 'not base64!'),
    ]
    for (const attempt of attempts) await expect(attempt()).rejects.toBeInstanceOf(DecryptError)
  })

  it('packs a snapshot (gzip) before sealing it, bound to its sequence number', async () => {
    const { cipherKey, spaceId } = await deriveSpaceSecrets(fixedKey)
    const state = { reviews: Array.from({ length: 2000 }, (_, i) => ({ id: `r${i}`, cardId: 'ceo-federate-cloze', grade: 3, reviewedAt: 1_760_000_000_000 + i })) }
    const box = await encryptSnapshot(cipherKey, spaceId, 42, state)
    expect(box.byteLength).toBeLessThan(JSON.stringify(state).length / 4)
    expect(await decryptSnapshot(cipherKey, spaceId, 42, box)).toEqual(state)
    await expect(decryptSnapshot(cipherKey, spaceId, 43, box)).rejects.toBeInstanceOf(DecryptError)
  })
})

describe('QR code of a join link', () => {
  it('draws the same squares for the same link, inside the quiet zone', async () => {
    const link = joinLink('https://cards.example', fixedKey)
    const a = await qrPicture(link)
    const b = await qrPicture(link)
    expect(a).toEqual(b)
    // A 90-character link at level M needs version 5 (37 modules a side) or so.
    expect(a.size).toBeGreaterThanOrEqual(33)
    expect(a.size).toBeLessThanOrEqual(45)
    const xs = [...a.path.matchAll(/M(\d+) (\d+)/g)].map((m) => Number(m[1]))
    expect(Math.min(...xs)).toBe(QUIET_ZONE)
    expect(Math.max(...xs)).toBe(QUIET_ZONE + a.size - 1)
  })
})
