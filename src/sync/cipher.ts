// Encryption of changes and snapshots: AES-GCM with a random 96-bit nonce, the space and the record's
// id as additional data (the server cannot move a ciphertext to another id or space unnoticed).
import { fromBase64url, toBase64url } from './base64url'

const NONCE_BYTES = 12
const encoder = new TextEncoder()
const decoder = new TextDecoder('utf-8', { fatal: true })

export class DecryptError extends Error {
  constructor() {
    super('a change could not be decrypted')
    this.name = 'DecryptError'
  }
}

async function seal(key: CryptoKey, aad: string, plain: Uint8Array): Promise<Uint8Array> {
  const nonce = crypto.getRandomValues(new Uint8Array(NONCE_BYTES))
  const sealed = new Uint8Array(await crypto.subtle.encrypt({ name: 'AES-GCM', iv: nonce, additionalData: encoder.encode(aad) }, key, plain as BufferSource))
  const out = new Uint8Array(NONCE_BYTES + sealed.length)
  out.set(nonce)
  out.set(sealed, NONCE_BYTES)
  return out
}

async function open(key: CryptoKey, aad: string, box: Uint8Array): Promise<Uint8Array> {
  if (box.length <= NONCE_BYTES + 16) throw new DecryptError()
  try {
    const plain = await crypto.subtle.decrypt(
      { name: 'AES-GCM', iv: box.subarray(0, NONCE_BYTES) as BufferSource, additionalData: encoder.encode(aad) },
      key,
      box.subarray(NONCE_BYTES) as BufferSource,
    )
    return new Uint8Array(plain)
  } catch {
    throw new DecryptError()
  }
}

/** A change's JSON, sealed for its space and id, as base64url for the wire. */
export async function encryptChange(key: CryptoKey, spaceId: string, changeId: string, record: unknown): Promise<string> {
  return toBase64url(await seal(key, `change ${spaceId} ${changeId}`, encoder.encode(JSON.stringify(record))))
}

/** The change's JSON value; DecryptError when the key, the space, the id or a byte differs. */
export async function decryptChange(key: CryptoKey, spaceId: string, changeId: string, body: string): Promise<unknown> {
  let box: Uint8Array
  try {
    box = fromBase64url(body)
  } catch {
    throw new DecryptError()
  }
  const plain = await open(key, `change ${spaceId} ${changeId}`, box)
  try {
    return JSON.parse(decoder.decode(plain))
  } catch {
    throw new DecryptError()
  }
}

async function pipeThrough(bytes: Uint8Array, stream: CompressionStream | DecompressionStream): Promise<Uint8Array> {
  const out = new Response(new Blob([bytes as BlobPart]).stream().pipeThrough(stream))
  return new Uint8Array(await out.arrayBuffer())
}

/** A snapshot: JSON, gzipped (a review log packs several times smaller), then sealed. */
export async function encryptSnapshot(key: CryptoKey, spaceId: string, uptoSeq: number, state: unknown): Promise<Uint8Array> {
  const packed = await pipeThrough(encoder.encode(JSON.stringify(state)), new CompressionStream('gzip'))
  return seal(key, `snapshot ${spaceId} ${uptoSeq}`, packed)
}

export async function decryptSnapshot(key: CryptoKey, spaceId: string, uptoSeq: number, box: Uint8Array): Promise<unknown> {
  const packed = await open(key, `snapshot ${spaceId} ${uptoSeq}`, box)
  try {
    return JSON.parse(decoder.decode(await pipeThrough(packed, new DecompressionStream('gzip'))))
  } catch {
    throw new DecryptError()
  }
}
