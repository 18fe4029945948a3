import { describe, expect, it } from 'vitest'
import { scheduleAfter, type ActionContext } from '../../src/domain/browse/bulk-actions'
import { createScheduler } from '../../src/domain/scheduling/scheduler'
import { CardState, newMemoryState, type Schedule } from '../../src/domain/scheduling/schedule'
import { DEFAULT_SETTINGS } from '../../src/domain/settings'

const NOW = Date.parse('2026-11-26T09:00:00Z')
const scheduler = createScheduler(DEFAULT_SETTINGS, { fuzz: false })
const ctx: ActionContext = { today: 20_418, nowMs: NOW, forget: scheduler.forget }

const reviewed: Schedule = {
  ...scheduler.answer(newMemoryState(NOW - 86_400_000 * 10), 'c1', 3, NOW - 86_400_000 * 10).next,
  cardId: 'c1', deckId: 'd1', position: 4, suspended: false, buriedUntilDay: 0, retired: false, flag: 0, version: 3,
}

describe('bulk actions on a schedule', () => {
  it('suspend and unsuspend, bumping the version only when something changes', () => {
    const s = scheduleAfter({ kind: 'suspend' }, reviewed, ctx)!
    expect(s).toMatchObject({ suspended: true, version: 4, stability: reviewed.stability })
    expect(scheduleAfter({ kind: 'suspend' }, s, ctx)).toBeNull()
    expect(scheduleAfter({ kind: 'unsuspend' }, s, ctx)).toMatchObject({ suspended: false, version: 5 })
    expect(scheduleAfter({ kind: 'unsuspend' }, reviewed, ctx)).toBeNull()
  })

  it('bury until tomorrow: hidden for the rest of today only', () => {
    expect(scheduleAfter({ kind: 'bury' }, reviewed, ctx)).toMatchObject({ buriedUntilDay: ctx.today })
    expect(scheduleAfter({ kind: 'bury' }, { ...reviewed, buriedUntilDay: ctx.today }, ctx)).toBeNull()
  })

  it('reset to new with ts-fsrs forget, keeping the counts and the flags', () => {
    const s = scheduleAfter({ kind: 'reset' }, { ...reviewed, suspended: true, flag: 2 }, ctx)!
    expect(s).toMatchObject({ state: CardState.New, stability: 0, difficulty: 0, due: NOW, reps: reviewed.reps, suspended: true, flag: 2, position: 4 })
  })

  it('flag, unflag (a row without the field counts as unflagged) and move', () => {
    const { flag: _f, ...old } = reviewed
    expect(scheduleAfter({ kind: 'unflag' }, old, ctx)).toBeNull()
    expect(scheduleAfter({ kind: 'flag' }, old, ctx)).toMatchObject({ flag: 1, version: old.version + 1 })
    // Anki's colours: another colour replaces the flag, the same one changes nothing.
    const blue = scheduleAfter({ kind: 'flag', color: 4 }, old, ctx)!
    expect(blue).toMatchObject({ flag: 4 })
    expect(scheduleAfter({ kind: 'flag', color: 4 }, blue, ctx)).toBeNull()
    expect(scheduleAfter({ kind: 'flag', color: 7 }, blue, ctx)).toMatchObject({ flag: 7 })
    expect(scheduleAfter({ kind: 'unflag' }, blue, ctx)).toMatchObject({ flag: 0 })
    expect(scheduleAfter({ kind: 'move', deckId: 'd2' }, reviewed, ctx)).toMatchObject({ deckId: 'd2', stability: reviewed.stability })
    expect(scheduleAfter({ kind: 'move', deckId: 'd1' }, reviewed, ctx)).toBeNull()
  })
})
