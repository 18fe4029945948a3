// What travels between a learner's devices, inside each encrypted change. The review log is a set of
// events (answers and resets) that only grows, less the events an undo removed; everything else is a
// register per field, where the latest hybrid-logical-clock stamp wins. Schedules never travel.
import * as v from 'valibot'
import { decodeHlc } from './hlc'

export const RECORD_VERSION = 1

/** Registers: what they name and which fields each one holds. */
export const ENTITIES = {
  /** A card's state that the log does not give: suspended, buried until, flag. */
  cardState: ['suspended', 'buriedUntilDay', 'flag'],
  /** A card's tags (the leech tag among them). */
  cardTags: ['tags'],
  /** The learner's own decks and cards: the whole row (null once deleted). */
  userDeck: ['row'],
  userCard: ['row'],
  /** A built-in deck the learner hid. */
  deckHidden: ['hidden'],
  /** A setting that belongs to the learner (not the theme or device-local ones). */
  setting: ['value'],
  /** Facts of the app that travel: the interview date. */
  meta: ['value'],
  /** A mock interview: the whole row. */
  mockInterview: ['row'],
} as const satisfies Record<string, readonly string[]>
export type Entity = keyof typeof ENTITIES

const Id = v.pipe(v.string(), v.minLength(1), v.maxLength(200))
const Stamp = v.pipe(v.string(), v.check((s) => decodeHlc(s) !== undefined))
const Time = v.pipe(v.number(), v.integer(), v.minValue(0))

export const ReviewEvent = v.object({
  k: v.literal('review'),
  id: Id,
  cardId: Id,
  deckId: Id,
  grade: v.picklist([1, 2, 3, 4]),
  reviewedAt: Time,
  durationMs: v.pipe(v.number(), v.minValue(0)),
  /** The card was new on its device: an answer after a reset there. */
  wasNew: v.boolean(),
})
export type ReviewEvent = v.InferOutput<typeof ReviewEvent>

/** Forget: the card back to new at `at`, as a step of its log. */
export const ResetEvent = v.object({ k: v.literal('reset'), id: Id, cardId: Id, at: Time })
export type ResetEvent = v.InferOutput<typeof ResetEvent>

/** An undo: the event with this id is gone, wherever and whenever it arrives. */
export const RemoveEvent = v.object({ k: v.literal('remove'), id: Id, cardId: Id })
export type RemoveEvent = v.InferOutput<typeof RemoveEvent>

export const SetRegister = v.pipe(
  v.object({
    k: v.literal('set'),
    entity: v.picklist(Object.keys(ENTITIES) as Entity[]),
    key: Id,
    fields: v.record(v.string(), v.unknown()),
    hlc: Stamp,
  }),
  v.check((r) => Object.keys(r.fields).length > 0 && Object.keys(r.fields).every((f) => (ENTITIES[r.entity] as readonly string[]).includes(f))),
)
export type SetRegister = v.InferOutput<typeof SetRegister>

export const SyncRecord = v.variant('k', [ReviewEvent, ResetEvent, RemoveEvent, SetRegister])
export type SyncRecord = v.InferOutput<typeof SyncRecord>

/** The envelope inside the ciphertext: a version, so a newer app's record is set aside, not misread. */
export const Envelope = v.object({ v: v.literal(RECORD_VERSION), r: SyncRecord })

export type ParsedRecord = { ok: true; record: SyncRecord } | { ok: false; reason: 'version' | 'invalid' }

export function parseEnvelope(value: unknown): ParsedRecord {
  if (typeof value === 'object' && value !== null && 'v' in value && value.v !== RECORD_VERSION) return { ok: false, reason: 'version' }
  const parsed = v.safeParse(Envelope, value)
  return parsed.success ? { ok: true, record: parsed.output.r } : { ok: false, reason: 'invalid' }
}

export function envelope(record: SyncRecord) {
  return { v: RECORD_VERSION, r: record }
}

export const registerKey = (entity: Entity, key: string) => `${entity}:${key}`
