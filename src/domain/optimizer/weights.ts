// FSRS weights: the library's own check before anything is kept, and the rule that keeps a fit.
import { checkParameters, default_w } from 'ts-fsrs'
import type { Fit } from './evaluate'

/** FSRS-6 has 21 weights: what fsrs-browser 5.2 fits and ts-fsrs schedules with. */
export const WEIGHT_COUNT = 21

/** The weights, when ts-fsrs accepts them as FSRS-6 weights (all finite, 21 of them); else null. */
export function checkedWeights(weights: ArrayLike<number> | null | undefined): number[] | null {
  if (!weights || weights.length !== WEIGHT_COUNT) return null
  const list = Array.from(weights, Number)
  try {
    checkParameters(list)
  } catch {
    return null
  }
  return list
}

export const DEFAULT_WEIGHTS: readonly number[] = Object.freeze([...default_w])

/** Keep the fitted weights only when they predict the held-out reviews better (Anki compares log loss). */
export function fitIsBetter(current: Fit, fitted: Fit): boolean {
  return Number.isFinite(fitted.logLoss) && Number.isFinite(fitted.rmseBins) && fitted.logLoss < current.logLoss
}
