// How a device folds records into what it knows, as pure code: the specification the database's
// apply step follows and the convergence tests check. Folding is idempotent and order-free: the
// events are a set less its removed ids, and each register field keeps its highest stamp.
import { compareStamps } from './hlc'
import { registerKey, type Entity, type ResetEvent, type ReviewEvent, type SyncRecord } from './records'

export type CardEvent = ReviewEvent | ResetEvent

export interface FieldValue {
  value: unknown
  hlc: string
}

export interface Replica {
  events: Map<string, CardEvent>
  removed: Set<string>
  registers: Map<string, Map<string, FieldValue>>
}

export function emptyReplica(): Replica {
  return { events: new Map(), removed: new Set(), registers: new Map() }
}

/** The fields of a register that `record` wins, with their stamp: the ones to write. */
export function winningFields(current: ReadonlyMap<string, FieldValue> | undefined, fields: Record<string, unknown>, hlc: string): string[] {
  return Object.keys(fields).filter((field) => {
    const held = current?.get(field)
    return !held || compareStamps(hlc, held.hlc) > 0
  })
}

export function fold(replica: Replica, record: SyncRecord): void {
  switch (record.k) {
    case 'review':
    case 'reset':
      if (!replica.removed.has(record.id)) replica.events.set(record.id, record)
      return
    case 'remove':
      replica.removed.add(record.id)
      replica.events.delete(record.id)
      return
    case 'set': {
      const key = registerKey(record.entity, record.key)
      const register = replica.registers.get(key) ?? new Map<string, FieldValue>()
      for (const field of winningFields(register, record.fields, record.hlc)) register.set(field, { value: record.fields[field], hlc: record.hlc })
      replica.registers.set(key, register)
    }
  }
}

const eventTime = (e: CardEvent) => (e.k === 'review' ? e.reviewedAt : e.at)

/** A card's log in the order every device replays it: by time, then by id. */
export function orderCardLog(events: Iterable<CardEvent>): CardEvent[] {
  return [...events].sort((a, b) => eventTime(a) - eventTime(b) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
}

export function cardLog(replica: Replica, cardId: string): CardEvent[] {
  return orderCardLog([...replica.events.values()].filter((e) => e.cardId === cardId))
}

export function registerValue(replica: Replica, entity: Entity, key: string, field: string): unknown {
  return replica.registers.get(registerKey(entity, key))?.get(field)?.value
}
