// The sync protocol between the app and its server: request and response shapes (valibot), shared by
// both ends. The server only ever sees ids, sequence numbers and ciphertext (base64url).
import * as v from 'valibot'

export const PROTOCOL_PATH = '/api/sync/v1'
/** Changes in one push, and at most in one page of a pull. */
export const MAX_PUSH_CHANGES = 500
export const MAX_PULL_LIMIT = 1000
/** One encrypted change (a user card with long Markdown fits many times). */
export const MAX_CHANGE_BYTES = 64 * 1024

const base64url = (max: number) => v.pipe(v.string(), v.regex(/^[A-Za-z0-9_-]*$/), v.maxLength(max))

/** 32 bytes, base64url without padding: a space id, an access token. */
export const Key32 = v.pipe(v.string(), v.regex(/^[A-Za-z0-9_-]{43}$/))
export const ChangeId = v.pipe(v.string(), v.regex(/^[A-Za-z0-9_-]{16,64}$/))
export const Seq = v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(Number.MAX_SAFE_INTEGER))
export const CipherText = v.pipe(base64url(Math.ceil((MAX_CHANGE_BYTES * 4) / 3)), v.minLength(1))

export const PushRequest = v.strictObject({
  changes: v.pipe(v.array(v.strictObject({ id: ChangeId, body: CipherText })), v.minLength(1), v.maxLength(MAX_PUSH_CHANGES)),
})
export type PushRequest = v.InferOutput<typeof PushRequest>

export const PushResponse = v.object({
  /** Every change of the request with its sequence number (the first one given, on a retry). */
  accepted: v.array(v.object({ id: ChangeId, seq: Seq })),
  lastSeq: Seq,
})
export type PushResponse = v.InferOutput<typeof PushResponse>

export const PullQuery = v.strictObject({
  after: v.pipe(v.string(), v.regex(/^\d{1,15}$/), v.transform(Number)),
  limit: v.optional(v.pipe(v.string(), v.regex(/^\d{1,4}$/), v.transform(Number), v.minValue(1), v.maxValue(MAX_PULL_LIMIT))),
})

export const PullResponse = v.object({
  changes: v.array(v.object({ seq: Seq, id: ChangeId, body: CipherText })),
  /** The space's last sequence number when the page was read. */
  lastSeq: Seq,
  more: v.boolean(),
  /** Changes after `after` were dropped once a snapshot covered them: start from the snapshot. */
  snapshotRequired: v.optional(v.boolean()),
})
export type PullResponse = v.InferOutput<typeof PullResponse>

export const SnapshotQuery = v.strictObject({ upto: v.pipe(v.string(), v.regex(/^\d{1,15}$/), v.transform(Number)) })

export const ErrorResponse = v.object({ error: v.string() })
