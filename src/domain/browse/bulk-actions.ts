// What each Browse action does to a card's schedule: pure, so every action is tested on its own.
import { memoryOf, type FlagColor, type MemoryState, type Schedule } from '../scheduling/schedule'

export type BulkAction =
  | { kind: 'suspend' }
  | { kind: 'unsuspend' }
  | { kind: 'bury' }
  | { kind: 'reset' }
  /** One of Anki's colours; red (1) when none is named, as Browse's button does. */
  | { kind: 'flag'; color?: FlagColor }
  | { kind: 'unflag' }
  | { kind: 'move'; deckId: string }
  | { kind: 'delete' }

export type BulkKind = BulkAction['kind']
export const BULK_KINDS: readonly BulkKind[] = ['suspend', 'unsuspend', 'bury', 'reset', 'flag', 'unflag', 'move', 'delete']

/** Actions on the learner's own cards only: built-in cards stay where their deck file puts them. */
export const USER_CARDS_ONLY: ReadonlySet<BulkKind> = new Set(['move', 'delete'])

/** Actions that cannot be taken back and are confirmed first. */
export const NEEDS_CONFIRMATION: ReadonlySet<BulkKind> = new Set(['reset', 'delete'])

export interface ActionContext {
  /** Today's study-day index: buried cards come back the day after. */
  today: number
  nowMs: number
  /** ts-fsrs `forget`, through the scheduler wrapper. */
  forget: (state: MemoryState, cardId: string, nowMs: number) => MemoryState
}

/** The schedule after the action, or null when it changes nothing (then nothing is written). */
export function scheduleAfter(action: BulkAction, s: Schedule, ctx: ActionContext): Schedule | null {
  const bump = (patch: Partial<Schedule>): Schedule => ({ ...s, ...patch, version: s.version + 1 })
  switch (action.kind) {
    case 'suspend':
      return s.suspended ? null : bump({ suspended: true })
    case 'unsuspend':
      return s.suspended ? bump({ suspended: false }) : null
    case 'bury':
      return s.buriedUntilDay >= ctx.today ? null : bump({ buriedUntilDay: ctx.today })
    case 'reset':
      return bump(ctx.forget(memoryOf(s), s.cardId, ctx.nowMs))
    case 'flag': {
      const color = action.color ?? 1
      return (s.flag ?? 0) === color ? null : bump({ flag: color })
    }
    case 'unflag':
      return s.flag ? bump({ flag: 0 }) : null
    case 'move':
      return s.deckId === action.deckId ? null : bump({ deckId: action.deckId })
    case 'delete':
      return null
  }
}
