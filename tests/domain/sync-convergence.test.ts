// Convergence of the synced state: devices answering, undoing, resetting, suspending, flagging,
// editing and deleting own cards, offline and online, records delivered in random order with
// duplicates, end identical, and identical to one device that received every change in the order
// it was made.
import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { DEFAULT_SETTINGS } from '../../src/domain/settings'
import { createScheduler } from '../../src/domain/scheduling/scheduler'
import { CardState } from '../../src/domain/scheduling/schedule'
import { compareStamps, encodeHlc, receive, decodeHlc, tick, type Hlc } from '../../src/domain/sync/hlc'
import { cardLog, emptyReplica, fold, registerValue, type Replica } from '../../src/domain/sync/replica'
import { replayCardLog } from '../../src/domain/sync/replay'
import type { SyncRecord } from '../../src/domain/sync/records'
import { seededRandom as random } from '../../src/domain/seeded-random'

const scheduler = createScheduler(DEFAULT_SETTINGS, { fuzz: false })
const CARDS = ['c1', 'c2', 'c3']
const MINUTE = 60_000

type Op =
  | { kind: 'answer'; card: number; grade: 1 | 2 | 3 | 4 }
  | { kind: 'undo' }
  | { kind: 'forget'; card: number }
  | { kind: 'suspend'; card: number; on: boolean }
  | { kind: 'flag'; card: number; flag: number }
  | { kind: 'edit'; card: number; text: string }
  | { kind: 'delete'; card: number }
  | { kind: 'sync' }

interface Step {
  device: number
  advanceMs: number
  op: Op
}

const card = fc.integer({ min: 0, max: CARDS.length - 1 })
const op: fc.Arbitrary<Op> = fc.oneof(
  { weight: 6, arbitrary: fc.record({ kind: fc.constant('answer' as const), card, grade: fc.constantFrom(1 as const, 2 as const, 3 as const, 4 as const) }) },
  { weight: 2, arbitrary: fc.constant({ kind: 'undo' as const }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('forget' as const), card }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('suspend' as const), card, on: fc.boolean() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('flag' as const), card, flag: fc.integer({ min: 0, max: 7 }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('edit' as const), card, text: fc.constantFrom('a', 'b', 'c') }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('delete' as const), card }) },
  { weight: 2, arbitrary: fc.constant({ kind: 'sync' as const }) },
)

/** Server records (deduplicated by id), shuffled, some twice. */
function delivery(records: readonly SyncRecord[], rand: () => number): SyncRecord[] {
  const out = [...records, ...records.filter(() => rand() < 0.3)]
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1))
    ;[out[i], out[j]] = [out[j]!, out[i]!]
  }
  return out
}

interface Device {
  name: string
  skewMs: number
  clock: Hlc
  replica: Replica
  outbox: SyncRecord[]
  myAnswers: string[]
}

function observe(device: Device, record: SyncRecord, nowMs: number) {
  if (record.k === 'set') device.clock = receive(device.clock, decodeHlc(record.hlc)!, nowMs)
  fold(device.replica, record)
}

/** What a learner sees: each card's schedule from its log, and its registers. */
function view(replica: Replica) {
  return CARDS.map((id) => ({
    id,
    schedule: replayCardLog(id, cardLog(replica, id), scheduler).state,
    log: cardLog(replica, id).map((e) => e.id),
    reviews: cardLog(replica, id).flatMap((e) => (e.k === 'review' ? [e.id] : [])),
    suspended: registerValue(replica, 'cardState', id, 'suspended') ?? false,
    flag: registerValue(replica, 'cardState', id, 'flag') ?? 0,
    // An own card's row: its text, or deleted (null), or never written.
    row: ((row: { text?: string } | null | undefined) => (row === null ? 'deleted' : (row?.text ?? '')))(
      registerValue(replica, 'userCard', id, 'row') as { text?: string } | null | undefined,
    ),
  }))
}

function run(deviceCount: number, steps: Step[], seed: number, skews: number[]) {
  const rand = random(seed)
  const devices: Device[] = Array.from({ length: deviceCount }, (_, i) => ({
    name: `d${i}`,
    skewMs: skews[i] ?? 0,
    clock: { wallMs: 0, counter: 0, node: `d${i}` },
    replica: emptyReplica(),
    outbox: [],
    myAnswers: [],
  }))
  const server: SyncRecord[] = []
  const serverIds = new Set<string>()
  const made: SyncRecord[] = [] // every record in the order it was made
  let now = Date.UTC(2026, 0, 5, 9)
  let counter = 0

  const local = (device: Device, record: SyncRecord) => {
    fold(device.replica, record)
    device.outbox.push(record)
    made.push(record)
  }
  const stamp = (device: Device) => {
    device.clock = tick(device.clock, now + device.skewMs)
    return encodeHlc(device.clock)
  }
  const sync = (device: Device) => {
    for (const record of device.outbox) {
      const id = record.k === 'set' ? `${record.entity}:${record.key}:${record.hlc}` : `${record.k}:${record.id}`
      if (!serverIds.has(id)) {
        serverIds.add(id)
        server.push(record)
      }
    }
    device.outbox = []
    for (const record of delivery(server, rand)) observe(device, record, now + device.skewMs)
  }

  for (const step of steps) {
    now += step.advanceMs
    const device = devices[step.device % deviceCount]!
    const o = step.op
    if (o.kind === 'sync') sync(device)
    else if (o.kind === 'answer') {
      const cardId = CARDS[o.card]!
      const state = replayCardLog(cardId, cardLog(device.replica, cardId), scheduler).state
      const id = `${device.name}-r${counter++}`
      local(device, { k: 'review', id, cardId, deckId: 'd', grade: o.grade, reviewedAt: now + device.skewMs, durationMs: 1000, wasNew: state.state === CardState.New })
      device.myAnswers.push(id)
    } else if (o.kind === 'undo') {
      const id = device.myAnswers.pop()
      const event = id && device.replica.events.get(id)
      if (event) local(device, { k: 'remove', id: event.id, cardId: event.cardId })
    } else if (o.kind === 'forget') local(device, { k: 'reset', id: `${device.name}-f${counter++}`, cardId: CARDS[o.card]!, at: now + device.skewMs })
    else if (o.kind === 'suspend') local(device, { k: 'set', entity: 'cardState', key: CARDS[o.card]!, fields: { suspended: o.on }, hlc: stamp(device) })
    else if (o.kind === 'flag') local(device, { k: 'set', entity: 'cardState', key: CARDS[o.card]!, fields: { flag: o.flag }, hlc: stamp(device) })
    else if (o.kind === 'delete') local(device, { k: 'set', entity: 'userCard', key: CARDS[o.card]!, fields: { row: null }, hlc: stamp(device) })
    else local(device, { k: 'set', entity: 'userCard', key: CARDS[o.card]!, fields: { row: { text: o.text } }, hlc: stamp(device) })
  }
  // Everyone comes online at the end, in turn, then once more so each sees the others' last pushes.
  for (const device of devices) sync(device)
  for (const device of devices) sync(device)

  const reference = emptyReplica()
  for (const record of made) fold(reference, record)
  return { views: devices.map((d) => view(d.replica)), reference: view(reference), made }
}

const steps = (devices: number) =>
  fc.array(fc.record({ device: fc.integer({ min: 0, max: devices - 1 }), advanceMs: fc.integer({ min: 0, max: 3 * 24 * 60 * MINUTE }), op }), { minLength: 1, maxLength: 40 })
const skews = (devices: number) => fc.array(fc.integer({ min: -10 * MINUTE, max: 10 * MINUTE }), { minLength: devices, maxLength: devices })

describe.each([2, 3])('%i devices', (deviceCount) => {
  it('end identical, and equal to one device that got every change in the order made', () => {
    fc.assert(
      fc.property(steps(deviceCount), fc.integer(), skews(deviceCount), (s, seed, k) => {
        const { views, reference } = run(deviceCount, s, seed, k)
        for (const v of views) expect(v).toEqual(reference)
      }),
      { numRuns: 150 },
    )
  })

  it('keeps every answer not undone exactly once, and none that was undone', () => {
    fc.assert(
      fc.property(steps(deviceCount), fc.integer(), skews(deviceCount), (s, seed, k) => {
        const { views, made } = run(deviceCount, s, seed, k)
        const removed = new Set(made.flatMap((r) => (r.k === 'remove' ? [r.id] : [])))
        const expected = made.flatMap((r) => (r.k === 'review' && !removed.has(r.id) ? [r.id] : [])).sort()
        for (const v of views) expect(v.flatMap((c) => c.reviews).sort()).toEqual(expected)
      }),
      { numRuns: 100 },
    )
  })
})

describe.each([2, 3])('%i devices, own cards', (deviceCount) => {
  it('end with the write of the latest hybrid clock: deleted when the deletion came last', () => {
    fc.assert(
      fc.property(steps(deviceCount), fc.integer(), skews(deviceCount), (s, seed, k) => {
        const { views, made } = run(deviceCount, s, seed, k)
        const expected = CARDS.map((id) => {
          const writes = made.flatMap((r) => (r.k === 'set' && r.entity === 'userCard' && r.key === id ? [r] : []))
          const last = writes.sort((a, b) => compareStamps(a.hlc, b.hlc)).at(-1)
          const row = last?.fields.row as { text?: string } | null | undefined
          return row === null ? 'deleted' : (row?.text ?? '')
        })
        for (const v of views) expect(v.map((c) => c.row)).toEqual(expected)
      }),
      { numRuns: 100 },
    )
  })
})

describe('replay', () => {
  it('gives what answering one after the other gave on a single device', () => {
    fc.assert(
      fc.property(fc.array(fc.record({ grade: fc.constantFrom(1 as const, 2 as const, 3 as const, 4 as const), gapMs: fc.integer({ min: MINUTE, max: 20 * 24 * 60 * MINUTE }) }), { maxLength: 15 }), (answers) => {
        let at = Date.UTC(2026, 0, 5)
        let live = replayCardLog('c', [], scheduler).state
        const log: SyncRecord[] = []
        for (const [i, a] of answers.entries()) {
          at += a.gapMs
          log.push({ k: 'review', id: `r${String(i).padStart(3, '0')}`, cardId: 'c', deckId: 'd', grade: a.grade, reviewedAt: at, durationMs: 0, wasNew: live.state === CardState.New })
          live = scheduler.answer(live, 'c', a.grade, at).next
        }
        const replica = emptyReplica()
        for (const r of log) fold(replica, r)
        expect(replayCardLog('c', cardLog(replica, 'c'), scheduler).state).toEqual(live)
      }),
    )
  })
})
