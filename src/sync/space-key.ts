// A sync space's key: 256 random bits kept on the device. HKDF (WebCrypto) derives from it the space
// id and the access token the server sees, and the AES-GCM key it never sees.
import { fromBase64url, toBase64url } from './base64url'

export const SPACE_KEY_BYTES = 32

export interface SpaceSecrets {
  /** Names the space on the server. */
  spaceId: string
  /** Proves to the server that a device holds the key (the server keeps its hash). */
  token: string
  /** Encrypts and authenticates every change and snapshot. */
  cipherKey: CryptoKey
}

export function generateSpaceKey(): Uint8Array {
  return crypto.getRandomValues(new Uint8Array(SPACE_KEY_BYTES))
}

export function encodeSpaceKey(key: Uint8Array): string {
  return toBase64url(key)
}

/** The key from its text form, or undefined if it is not 32 bytes of base64url. */
export function decodeSpaceKey(text: string): Uint8Array | undefined {
  try {
    const key = fromBase64url(text.trim())
    return key.length === SPACE_KEY_BYTES ? key : undefined
  } catch {
    return undefined
  }
}

// A fixed salt: the key is already uniformly random; the info strings separate the three uses.
const SALT = new TextEncoder().encode('pm-cards sync v1')
const info = (use: string) => new TextEncoder().encode(`pm-cards sync v1 ${use}`)

export async function deriveSpaceSecrets(key: Uint8Array): Promise<SpaceSecrets> {
  if (key.length !== SPACE_KEY_BYTES) throw new Error('a space key has 32 bytes')
  const master = await crypto.subtle.importKey('raw', key as BufferSource, 'HKDF', false, ['deriveBits', 'deriveKey'])
  const bits = async (use: string) => new Uint8Array(await crypto.subtle.deriveBits({ name: 'HKDF', hash: 'SHA-256', salt: SALT, info: info(use) }, master, 256))
  const cipherKey = await crypto.subtle.deriveKey(
    { name: 'HKDF', hash: 'SHA-256', salt: SALT, info: info('aes-gcm') },
    master,
    { name: 'AES-GCM', length: 256 },
    false,
    ['encrypt', 'decrypt'],
  )
  return { spaceId: toBase64url(await bits('space id')), token: toBase64url(await bits('token')), cipherKey }
}
