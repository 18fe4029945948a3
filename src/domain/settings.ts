// The learner's settings: one type, one defaults object, and a normaliser that never throws.
import type { LeechAction } from './leech'

export type Theme = 'system' | 'light' | 'dark'
export type LanguageChoice = 'auto' | 'fr' | 'en'

export interface Settings {
  /** Probability of recall FSRS aims for when it schedules a review (0.70 to 0.99). */
  desiredRetention: number
  learningSteps: string[]
  relearningSteps: string[]
  maximumIntervalDays: number
  newPerDay: number
  reviewsPerDay: number
  /** Local hour at which the study day starts (Anki's "next day starts at"). */
  rolloverHour: number
  language: LanguageChoice
  /** Language of the cards; 'auto' follows the interface language. */
  studyLanguage: LanguageChoice
  theme: Theme
  /** Lapses at which a card is tagged leech (Browse's "leech" filter). */
  leechThreshold: number
  /** What a new leech gets besides its tag: suspended (default) or nothing more. */
  leechAction: LeechAction
  /**
   * A tap or key on a card (show the answer, pick, grade) shown for less than this is ignored, so
   * a double tap cannot grade one card and reveal the next unseen (Anki's answer-button guard).
   */
  answerGuardMs: number
  /**
   * FSRS-6 weights fitted to the learner's reviews (settings' optimiser, src/domain/optimizer);
   * null for ts-fsrs's defaults. Saved only after ts-fsrs's own check (checkedWeights).
   */
  fsrsWeights: number[] | null
  /** A higher desired retention for the interview decks until the interview (null: none). */
  interviewRetention: InterviewRetention | null
}

export interface InterviewRetention {
  desiredRetention: number
  deckIds: string[]
  /** The interview's day starts: from then on the decks go back to `desiredRetention`. */
  untilMs: number
}

export const DEFAULT_SETTINGS: Readonly<Settings> = Object.freeze({
  desiredRetention: 0.9,
  learningSteps: ['1m', '10m'],
  relearningSteps: ['10m'],
  maximumIntervalDays: 36500,
  newPerDay: 20,
  reviewsPerDay: 200,
  rolloverHour: 4,
  language: 'auto',
  studyLanguage: 'auto',
  theme: 'system',
  leechThreshold: 8,
  leechAction: 'suspend',
  answerGuardMs: 400,
  fsrsWeights: null,
  interviewRetention: null,
})

export const LIMITS = {
  desiredRetention: { min: 0.7, max: 0.99 },
  maximumIntervalDays: { min: 1, max: 36500 },
  newPerDay: { min: 0, max: 9999 },
  reviewsPerDay: { min: 0, max: 99999 },
  rolloverHour: { min: 0, max: 23 },
  leechThreshold: { min: 1, max: 99 },
  answerGuardMs: { min: 0, max: 2000 },
} as const

const STEP = /^(\d+(?:\.\d+)?)([mhd])$/

export function isStep(step: string): boolean {
  const m = STEP.exec(step)
  return m !== null && Number(m[1]) > 0
}

/** Parses "1m 10m" (spaces or commas) into steps; returns null when any step is malformed. */
export function parseSteps(text: string): string[] | null {
  const steps = text.split(/[\s,]+/).filter(Boolean)
  return steps.every(isStep) ? steps : null
}

function num(value: unknown, fallback: number, range: { min: number; max: number }, integer: boolean): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) return fallback
  const v = integer ? Math.round(value) : value
  return Math.min(range.max, Math.max(range.min, v))
}

function steps(value: unknown, fallback: readonly string[]): string[] {
  if (!Array.isArray(value) || !value.every((s) => typeof s === 'string' && isStep(s))) return [...fallback]
  return [...(value as string[])]
}

function oneOf<T extends string>(value: unknown, allowed: readonly T[], fallback: T): T {
  return allowed.includes(value as T) ? (value as T) : fallback
}

/** 21 finite numbers (FSRS-6), else null: the full check is ts-fsrs's, made before saving. */
function weights(value: unknown): number[] | null {
  return Array.isArray(value) && value.length === 21 && value.every((w) => typeof w === 'number' && Number.isFinite(w)) ? [...(value as number[])] : null
}

function interviewRetention(value: unknown): InterviewRetention | null {
  const v = (value !== null && typeof value === 'object' ? value : null) as Record<string, unknown> | null
  if (!v || !Array.isArray(v.deckIds) || !v.deckIds.every((d) => typeof d === 'string')) return null
  if (typeof v.untilMs !== 'number' || !Number.isFinite(v.untilMs)) return null
  const r = v.desiredRetention
  if (typeof r !== 'number' || !(r >= LIMITS.desiredRetention.min && r <= LIMITS.desiredRetention.max)) return null
  return { desiredRetention: r, deckIds: [...(v.deckIds as string[])], untilMs: v.untilMs }
}

/** Any stored value, however old or damaged, becomes valid settings (field by field). */
export function normalizeSettings(raw: unknown): Settings {
  const r = (raw !== null && typeof raw === 'object' ? raw : {}) as Record<string, unknown>
  const d = DEFAULT_SETTINGS
  return {
    desiredRetention: num(r.desiredRetention, d.desiredRetention, LIMITS.desiredRetention, false),
    learningSteps: steps(r.learningSteps, d.learningSteps),
    relearningSteps: steps(r.relearningSteps, d.relearningSteps),
    maximumIntervalDays: num(r.maximumIntervalDays, d.maximumIntervalDays, LIMITS.maximumIntervalDays, true),
    newPerDay: num(r.newPerDay, d.newPerDay, LIMITS.newPerDay, true),
    reviewsPerDay: num(r.reviewsPerDay, d.reviewsPerDay, LIMITS.reviewsPerDay, true),
    rolloverHour: num(r.rolloverHour, d.rolloverHour, LIMITS.rolloverHour, true),
    language: oneOf(r.language, ['auto', 'fr', 'en'] as const, d.language),
    studyLanguage: oneOf(r.studyLanguage, ['auto', 'fr', 'en'] as const, d.studyLanguage),
    theme: oneOf(r.theme, ['system', 'light', 'dark'] as const, d.theme),
    leechThreshold: num(r.leechThreshold, d.leechThreshold, LIMITS.leechThreshold, true),
    leechAction: oneOf(r.leechAction, ['suspend', 'tag'] as const, d.leechAction),
    answerGuardMs: num(r.answerGuardMs, d.answerGuardMs, LIMITS.answerGuardMs, true),
    fsrsWeights: weights(r.fsrsWeights),
    interviewRetention: interviewRetention(r.interviewRetention),
  }
}
