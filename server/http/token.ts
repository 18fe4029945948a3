// Access tokens: the server keeps a SHA-256 of each and compares hashes in constant time.
import { createHash, timingSafeEqual } from 'node:crypto'

export function hashToken(token: string): Uint8Array {
  return createHash('sha256').update(token, 'utf8').digest()
}

// Compared against when the space does not exist, so a missing space costs the same as a wrong token.
const NO_SPACE = hashToken('no space has this token')

export function tokenMatches(token: string, stored: Uint8Array | undefined): boolean {
  const expected = stored && stored.byteLength === NO_SPACE.byteLength ? stored : NO_SPACE
  const same = timingSafeEqual(hashToken(token), expected)
  return same && stored !== undefined
}

/** The bearer token of an Authorization header, or undefined (never logged). */
export function bearerToken(header: string | undefined): string | undefined {
  const match = /^Bearer ([A-Za-z0-9_-]{43})$/.exec(header ?? '')
  return match?.[1]
}
