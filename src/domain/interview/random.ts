// A small seeded random source, so a mock interview's draw is reproducible in tests: the app's one
// generator (mulberry32, src/domain/seeded-random.ts), seeded from a text.
import { seededRandom as fromNumber } from '../seeded-random'

function hashSeed(text: string): number {
  let h = 0x811c9dc5
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193)
  return h >>> 0
}

/** Numbers in [0, 1), the same sequence for the same seed. */
export function seededRandom(seed: string): () => number {
  return fromNumber(hashSeed(seed) || 1)
}
