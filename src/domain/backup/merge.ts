// Merging a backup into this device's data: the union of everything by id, and each card whose
// history gained reviews from both sides gets its state back by replaying that history with FSRS.
import { CardState, memoryOf, type MemoryState } from '../scheduling/schedule'
import type { Scheduler } from '../scheduling/scheduler'
import { orderCardLog } from '../sync/replica'
import { replayCardLog } from '../sync/replay'
import { BACKUP_TABLES, META_LAST_BACKUP, PRIMARY_KEYS, type BackupTableName, type BackupTables, type Row } from './format'
import type { ReviewLike, ScheduleLike } from './schema'

export interface MergeReport {
  decksAdded: number
  cardsAdded: number
  reviewsAdded: number
  mockInterviewsAdded: number
  /** Cards whose state changed: replayed, or taken from the file that knew more. */
  schedulesUpdated: number
  schedulesReplayed: number
}

export interface MergeResult {
  /** Rows to write (added or replaced), table by table. Rows not listed stay as they are. */
  puts: BackupTables
  report: MergeReport
}

/** What a replay reads of a review. */
export type ReplayedReview = Pick<ReviewLike, 'id' | 'reviewedAt' | 'grade' | 'deckId'> & { before: { state: number } }

/**
 * A card's memory state from its whole history, in time order, from a new card. A review taken
 * while the card was new on its device, although the replayed card is not new, means the card was
 * reset there (Browse's "reset"): the replay resets it too, so that intent is kept. The same
 * replay as sync's (src/domain/sync/replay.ts), which also knows resets as events.
 */
export function replayHistory(cardId: string, reviews: readonly ReplayedReview[], scheduler: Scheduler): MemoryState {
  const events = reviews.map((r) => ({
    k: 'review' as const,
    id: r.id,
    cardId,
    deckId: r.deckId,
    grade: r.grade,
    reviewedAt: r.reviewedAt,
    durationMs: 0,
    wasNew: r.before.state === CardState.New,
  }))
  return replayCardLog(cardId, orderCardLog(events), scheduler, { resetOnNewAnswer: true }).state
}

function keyed(rows: readonly Row[], table: BackupTableName): Map<string, Row> {
  return new Map(rows.map((r) => [String(r[PRIMARY_KEYS[table]]), r]))
}

function idsByCard(reviews: readonly Row[]): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>()
  for (const r of reviews) {
    const set = out.get(r.cardId as string) ?? new Set<string>()
    set.add(r.id as string)
    out.set(r.cardId as string, set)
  }
  return out
}

/**
 * Deterministic: the same two data sets always give the same result. On a conflict that a log
 * cannot settle (a card's text, a deck's title, a setting, a card's flags) this device wins.
 */
export function mergeBackup(local: BackupTables, incoming: BackupTables, scheduler: Scheduler): MergeResult {
  const puts = Object.fromEntries(BACKUP_TABLES.map((t) => [t, [] as Row[]])) as unknown as BackupTables
  const added = {} as Record<BackupTableName, number>
  for (const table of BACKUP_TABLES) {
    if (table === 'schedules') continue
    const mine = keyed(local[table], table)
    const fresh = incoming[table].filter((r) => !mine.has(String(r[PRIMARY_KEYS[table]])))
    puts[table].push(...fresh)
    added[table] = fresh.length
  }

  // The last backup date is the later of the two.
  const myLast = local.meta.find((m) => m.key === META_LAST_BACKUP)
  const theirLast = incoming.meta.find((m) => m.key === META_LAST_BACKUP)
  if (myLast && theirLast && (theirLast.value as number) > (myLast.value as number)) puts.meta.push(theirLast)

  const mineByCard = idsByCard(local.reviews)
  const theirsByCard = idsByCard(incoming.reviews)
  const allReviews = new Map<string, ReviewLike[]>()
  for (const r of [...local.reviews, ...puts.reviews] as ReviewLike[]) {
    const list = allReviews.get(r.cardId) ?? []
    list.push(r)
    allReviews.set(r.cardId, list)
  }

  const mySchedules = keyed(local.schedules, 'schedules') as Map<string, ScheduleLike>
  const theirSchedules = keyed(incoming.schedules, 'schedules') as Map<string, ScheduleLike>
  let updated = 0
  let replayed = 0
  for (const [cardId, theirs] of theirSchedules) {
    const mine = mySchedules.get(cardId)
    const merged = allReviews.get(cardId) ?? []
    const mineCount = mineByCard.get(cardId)?.size ?? 0
    const theirCount = theirsByCard.get(cardId)?.size ?? 0
    if (!mine) {
      // A card this device never had: the file's row, replayed only if this device held reviews of it.
      const row = merged.length === theirCount ? theirs : { ...theirs, ...replayHistory(cardId, merged, scheduler), version: theirs.version + 1 }
      if (row !== theirs) replayed++
      puts.schedules.push(row)
      continue
    }
    if (merged.length === mineCount) continue // the file brought no review of this card
    let memory: MemoryState
    if (merged.length === theirCount) {
      // The other device saw every review of this card: its state is the outcome of the whole history.
      memory = memoryOf(theirs)
    } else {
      memory = replayHistory(cardId, merged, scheduler)
      replayed++
    }
    updated++
    // Flags stay this device's; the version moves on, so a tab showing the old state is refused.
    puts.schedules.push({ ...mine, ...memory, version: Math.max(mine.version, theirs.version) + 1 })
  }

  return {
    puts,
    report: {
      decksAdded: added.decks,
      cardsAdded: added.cards,
      reviewsAdded: added.reviews,
      mockInterviewsAdded: added.mockInterviews,
      schedulesUpdated: updated,
      schedulesReplayed: replayed,
    },
  }
}
