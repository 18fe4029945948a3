// Messages between the page and the optimiser worker (src/workers/optimizer-worker.ts).
import type { Fit } from '../domain/optimizer/evaluate'
import type { LeftOut } from '../domain/optimizer/fsrs-items'
import type { SimResult } from '../domain/optimizer/simulate'
import type { SchedulerSettings } from '../domain/scheduling/scheduler'

export interface LogClock {
  dbName: string
  nowMs: number
  timeZone: string
  rolloverHour: number
}

export interface OptimiseRequest extends LogClock {
  type: 'optimise'
  /** The weights in use (null: ts-fsrs's defaults). */
  currentWeights: number[] | null
}

export interface SimulateRequest extends LogClock {
  type: 'simulate'
  weights: number[] | null
  desiredRetention: number
  newPerDay: number
  reviewsPerDay: number
  maximumIntervalDays: number
  learningSteps: number
  relearningSteps: number
  /** The interview: a higher retention for some decks until a study day; its cost is simulated too. */
  interview: { deckIds: string[]; desiredRetention: number; days: number } | null
}

export interface RescheduleRequest {
  type: 'reschedule'
  dbName: string
  /** Plain settings (the weights in use among them). */
  settings: SchedulerSettings
}

export type OptimiserRequest = OptimiseRequest | SimulateRequest | RescheduleRequest

export interface LogCounts {
  read: number
  used: number
  leftOut: LeftOut
}

export type OptimiseReply =
  | { kind: 'too-little'; counts: LogCounts; needed: number }
  | {
      kind: 'fitted'
      counts: LogCounts
      weights: number[]
      current: Fit
      fitted: Fit
      better: boolean
      /** Items the fit learnt from (a sample when the log is large) and items it was judged on. */
      trainItems: number
      trainReviews: number
      sampled: boolean
      heldOutItems: number
      timings: { readMs: number; convertMs: number; trainMs: number; evaluateMs: number }
    }

export interface SimulateReply {
  results: SimResult[]
  cards: number
  /** Reviews a day until the interview: without, then with the higher retention for its decks. */
  interview: { days: number; base: number; boosted: number } | null
  ms: number
}

export type WorkerIn = { id: number; request: OptimiserRequest }
export type WorkerOut =
  | { id: number; reply: OptimiseReply | SimulateReply | { rescheduled: number } }
  | { id: number; error: string; crashed?: boolean }
  | { id: number; phase: 'reading' | 'training' | 'checking' | 'simulating' }
