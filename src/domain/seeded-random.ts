// A seeded pseudo-random generator (mulberry32): the same seed always gives the same sequence, so a
// sample, a simulation or a generated history can be repeated exactly.

/** Numbers in [0, 1) from `seed`, the same ones for the same seed. */
export function seededRandom(seed: number): () => number {
  let s = seed >>> 0
  return () => {
    s = (s + 0x6d2b79f5) >>> 0
    let t = s
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}
