// This device's hybrid logical clock and id, kept in localStorage so that a stamp is never reused
// after a reload. Stamps order the register writes of every device (see domain/sync/hlc).
import { decodeHlc, encodeHlc, receive, tick, type Hlc } from '../domain/sync/hlc'
import { toBase64url } from './base64url'

const KEY = 'pm-cards:sync-clock'
let clock: Hlc | undefined

function load(): Hlc {
  try {
    const saved = typeof localStorage !== 'undefined' ? decodeHlc(localStorage.getItem(KEY) ?? '') : undefined
    if (saved) return saved
  } catch {
    // no storage: a new device id for this tab
  }
  return { wallMs: 0, counter: 0, node: toBase64url(crypto.getRandomValues(new Uint8Array(9))) }
}

function save(next: Hlc) {
  clock = next
  try {
    localStorage.setItem(KEY, encodeHlc(next))
  } catch {
    // kept in memory
  }
}

/** A new stamp for a local change at `nowMs`. */
export function stamp(nowMs: number): string {
  save(tick(clock ?? load(), nowMs))
  return encodeHlc(clock!)
}

/** Moves the clock past a stamp seen from another device. */
export function observeStamp(remote: string, nowMs: number) {
  const seen = decodeHlc(remote)
  if (seen) save(receive(clock ?? load(), seen, nowMs))
}

export function deviceId(): string {
  clock ??= load()
  return clock.node
}
