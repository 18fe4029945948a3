// A hybrid logical clock: stamps that follow the wall clock, never go backwards on one device, move
// past every stamp the device has seen, and are totally ordered (ties broken by the device id).
// Stamps are fixed-width strings, so comparing them as strings compares them as clocks.

export interface Hlc {
  wallMs: number
  counter: number
  node: string
}

const WALL_WIDTH = 11 // base 36: dates until the year 5000 and more
const COUNTER_WIDTH = 5

export function encodeHlc(clock: Hlc): string {
  return `${clock.wallMs.toString(36).padStart(WALL_WIDTH, '0')}.${clock.counter.toString(36).padStart(COUNTER_WIDTH, '0')}.${clock.node}`
}

export function decodeHlc(stamp: string): Hlc | undefined {
  const match = /^([0-9a-z]{11})\.([0-9a-z]{5})\.([A-Za-z0-9_-]{1,64})$/.exec(stamp)
  if (!match) return undefined
  return { wallMs: parseInt(match[1]!, 36), counter: parseInt(match[2]!, 36), node: match[3]! }
}

/** The stamp of a local event at `nowMs`. */
export function tick(clock: Hlc, nowMs: number): Hlc {
  return nowMs > clock.wallMs ? { wallMs: nowMs, counter: 0, node: clock.node } : { wallMs: clock.wallMs, counter: clock.counter + 1, node: clock.node }
}

/** The clock after seeing a remote stamp at `nowMs`: the next local stamp orders after it. */
export function receive(clock: Hlc, remote: Hlc, nowMs: number): Hlc {
  const wallMs = Math.max(clock.wallMs, remote.wallMs, nowMs)
  let counter = 0
  if (wallMs === clock.wallMs && wallMs === remote.wallMs) counter = Math.max(clock.counter, remote.counter) + 1
  else if (wallMs === clock.wallMs) counter = clock.counter + 1
  else if (wallMs === remote.wallMs) counter = remote.counter + 1
  return { wallMs, counter, node: clock.node }
}

export function compareStamps(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}
