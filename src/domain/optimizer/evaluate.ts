// How well weights predict the reviews of training items: log loss and RMSE over bins, as the FSRS
// benchmark reports them (bins of fsrs-rs's R-matrix: interval, history length, lapses).
import { FSRSAlgorithm, generatorParameters, type FSRSState } from 'ts-fsrs'
import type { FsrsItems } from './fsrs-items'
import { seededRandom as random } from '../seeded-random'

export interface Fit {
  logLoss: number
  /** RMSE of the mean prediction against the recall rate, over bins, weighted by bin size. */
  rmseBins: number
  items: number
}

/** A range of items [from, to) of a converted log. */
export type ItemsView = Pick<FsrsItems, 'ratings' | 'deltaDays' | 'lengths'>

/** fsrs-rs FSRSItem::r_matrix_index, on one item (its reviews from `start`, `length` of them). */
function binOf(items: ItemsView, start: number, length: number): string {
  const delta = items.deltaDays[start + length - 1]!
  let longTerm = 0
  let lapses = 0
  for (let k = start; k < start + length; k++) {
    if (items.deltaDays[k]! > 0) {
      longTerm++
      if (k < start + length - 1 && items.ratings[k] === 1) lapses++
    }
  }
  const deltaBin = Math.round(2.48 * 3.62 ** Math.floor(Math.log(delta) / Math.log(3.62)) * 100)
  const lengthBin = Math.round(1.99 * 1.89 ** Math.floor(Math.log(longTerm + 1) / Math.log(1.89)))
  const lapseBin = lapses === 0 ? 0 : Math.round(1.65 * 1.73 ** Math.floor(Math.log(lapses) / Math.log(1.73)))
  return `${deltaBin}/${lengthBin}/${lapseBin}`
}

/** Offset of each item's first review in the flat arrays. */
export function itemStarts(lengths: Uint32Array): Uint32Array {
  const starts = new Uint32Array(lengths.length)
  let k = 0
  lengths.forEach((len, i) => {
    starts[i] = k
    k += len
  })
  return starts
}

const clampP = (p: number) => Math.min(Math.max(p, 1e-4), 1 - 1e-4)

/** The fit of `weights` on items [from, to): predicted recall of each item's last review from its history. */
export function evaluateWeights(weights: readonly number[], items: ItemsView, from = 0, to = items.lengths.length): Fit {
  const algorithm = new FSRSAlgorithm(generatorParameters({ w: [...weights], enable_short_term: true }))
  const starts = itemStarts(items.lengths)
  const bins = new Map<string, { predicted: number; actual: number; count: number }>()
  let loss = 0
  let n = 0
  for (let i = from; i < to; i++) {
    const start = starts[i]!
    const length = items.lengths[i]!
    let state: FSRSState | null = null
    for (let k = start; k < start + length - 1; k++) state = algorithm.next_state(state, items.deltaDays[k]!, items.ratings[k]!)
    if (!state) continue
    const p = clampP(algorithm.forgetting_curve(items.deltaDays[start + length - 1]!, state.stability))
    const recalled = items.ratings[start + length - 1]! > 1 ? 1 : 0
    loss -= recalled ? Math.log(p) : Math.log(1 - p)
    n++
    const key = binOf(items, start, length)
    const bin = bins.get(key) ?? { predicted: 0, actual: 0, count: 0 }
    bin.predicted += p
    bin.actual += recalled
    bin.count++
    bins.set(key, bin)
  }
  let squared = 0
  for (const b of bins.values()) squared += ((b.predicted - b.actual) / b.count) ** 2 * b.count
  return { logLoss: n ? loss / n : Number.NaN, rmseBins: n ? Math.sqrt(squared / n) : Number.NaN, items: n }
}

/** The newest share of items (by their last review) kept out of the fit to judge it. */
export const HELD_OUT_SHARE = 0.2

/** Index of the first held-out item: the older items train, the newer ones judge. */
export function heldOutFrom(itemCount: number): number {
  return Math.floor(itemCount * (1 - HELD_OUT_SHARE))
}

/**
 * Items [0, to) as fsrs-browser takes them, a random share of them when they hold more than
 * `maxReviews` reviews in all (the optimiser's time grows with that number), time order kept.
 */
export function trainingSample(items: ItemsView, to: number, maxReviews: number, seed = 2023): ItemsView & { sampled: boolean } {
  const starts = itemStarts(items.lengths)
  const total = to === 0 ? 0 : starts[to - 1]! + items.lengths[to - 1]!
  const share = total <= maxReviews ? 1 : maxReviews / total
  const next = random(seed)
  const picked: number[] = []
  let size = 0
  for (let i = 0; i < to; i++) {
    if (share < 1 && next() >= share) continue
    picked.push(i)
    size += items.lengths[i]!
  }
  const ratings = new Uint32Array(size)
  const deltaDays = new Uint32Array(size)
  const lengths = new Uint32Array(picked.length)
  let k = 0
  picked.forEach((i, j) => {
    const start = starts[i]!
    const length = items.lengths[i]!
    lengths[j] = length
    ratings.set(items.ratings.subarray(start, start + length), k)
    deltaDays.set(items.deltaDays.subarray(start, start + length), k)
    k += length
  })
  return { ratings, deltaDays, lengths, sampled: share < 1 }
}
