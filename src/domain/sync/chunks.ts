// Cutting a large set of records (a new device joining, a device long offline) into chunks applied
// one transaction each. A card's records all go in one chunk, so every card is replayed once and is,
// between two chunks, either wholly there or not yet; the records that belong to no card (decks,
// settings, interviews) go in the first. Cards with the latest activity come first: they are the
// ones most likely due soon, for a learner who studies while the rest arrives.
import type { SyncRecord } from './records'

/** The card a record belongs to; undefined for the space-wide ones. */
export function cardOfRecord(record: SyncRecord): string | undefined {
  if (record.k !== 'set') return record.cardId
  return record.entity === 'cardState' || record.entity === 'cardTags' || record.entity === 'userCard' ? record.key : undefined
}

const timeOf = (record: SyncRecord) => (record.k === 'review' ? record.reviewedAt : record.k === 'reset' ? record.at : 0)

/** Chunks of about `size` records (more when one card holds more), every card's records in one. */
export function chunkByCard(records: readonly SyncRecord[], size: number): SyncRecord[][] {
  const spaceWide: SyncRecord[] = []
  const byCard = new Map<string, { records: SyncRecord[]; latest: number }>()
  for (const record of records) {
    const cardId = cardOfRecord(record)
    if (cardId === undefined) {
      spaceWide.push(record)
      continue
    }
    const group = byCard.get(cardId) ?? { records: [], latest: 0 }
    group.records.push(record)
    group.latest = Math.max(group.latest, timeOf(record))
    byCard.set(cardId, group)
  }
  const groups = [...byCard.entries()].sort(([a, x], [b, y]) => y.latest - x.latest || (a < b ? -1 : a > b ? 1 : 0))
  const chunks: SyncRecord[][] = []
  let chunk = spaceWide
  for (const [, group] of groups) {
    if (chunk.length && chunk.length + group.records.length > size) {
      chunks.push(chunk)
      chunk = []
    }
    for (const record of group.records) chunk.push(record)
  }
  if (chunk.length || !chunks.length) chunks.push(chunk)
  return chunks
}
