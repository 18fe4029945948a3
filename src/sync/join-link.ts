// The link that lets another device join a space: the key sits in the URL fragment, which a browser
// never sends to a server.
import { decodeSpaceKey, encodeSpaceKey } from './space-key'

export const JOIN_PATH = '/sync/join'

export function joinLink(origin: string, key: Uint8Array): string {
  return `${origin}${JOIN_PATH}#key=${encodeSpaceKey(key)}`
}

/** The key of a join link (or of its fragment alone), or undefined. */
export function keyFromJoinLink(link: string): Uint8Array | undefined {
  const hash = link.includes('#') ? link.slice(link.indexOf('#') + 1) : link
  const value = new URLSearchParams(hash).get('key')
  return value ? decodeSpaceKey(value) : undefined
}
