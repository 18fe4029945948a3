// Fast study-day lookup for a span of days: the rollover instants are computed once, then searched.
import { dayIndex, dayStartMs, type DayClock } from '../time/study-day'

export interface DayGrid {
  firstDay: number
  lastDay: number
  /** Start of firstDay and end of lastDay (the next rollover): the span where lookups are fast. */
  startMs: number
  endMs: number
  /** The study day of an instant; identical to dayIndex() everywhere, only faster inside the span. */
  dayOf(instantMs: number): number
}

/**
 * Precomputes the starts of study days firstDay..lastDay (one call to dayStartMs each, so DST and
 * the rollover are handled in one place), then answers with a binary search. Logs read in time
 * order mostly hit the last day found, so most lookups cost one comparison.
 */
export function createDayGrid(firstDay: number, lastDay: number, clock: DayClock): DayGrid {
  const count = lastDay - firstDay + 1
  const starts = new Float64Array(count + 1)
  for (let i = 0; i <= count; i++) starts[i] = dayStartMs(firstDay + i, clock)
  const spanStart = starts[0]!
  const spanEnd = starts[count]!
  let hit = 0

  function dayOf(instantMs: number): number {
    if (!(instantMs >= spanStart && instantMs < spanEnd)) return dayIndex(instantMs, clock)
    if (instantMs >= starts[hit]! && instantMs < starts[hit + 1]!) return firstDay + hit
    let lo = 0
    let hi = count - 1
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1
      if (starts[mid]! <= instantMs) lo = mid
      else hi = mid - 1
    }
    hit = lo
    return firstDay + lo
  }

  return { firstDay, lastDay, startMs: spanStart, endMs: spanEnd, dayOf }
}
