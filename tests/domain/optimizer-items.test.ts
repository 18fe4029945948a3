import { describe, expect, it } from 'vitest'
import { fsrsItems, MAX_ITEM_REVIEWS, reviewsNeeded, type ItemReview } from '../../src/domain/optimizer/fsrs-items'
import { CardState, type GradeValue } from '../../src/domain/scheduling/schedule'

const paris = { rolloverHour: 4, timeZone: 'Europe/Paris' }
const NOW = Date.parse('2026-12-01T12:00:00Z')
let n = 0
/** A review at a local ISO time (with its offset); `fresh` when the card was new before it. */
const r = (cardId: string, iso: string, grade: number, fresh = false): ItemReview => ({
  id: `r${String(n++).padStart(4, '0')}`,
  cardId,
  grade: grade as GradeValue,
  reviewedAt: Date.parse(iso),
  before: { state: fresh ? CardState.New : CardState.Review },
})

/** The items as [ratings, deltas] pairs, in order. */
function items(reviews: ItemReview[], opts: { clock?: typeof paris; reset?: string[] } = {}) {
  const out = fsrsItems({ reviews, resetCards: new Set(opts.reset ?? []), clock: opts.clock ?? paris, nowMs: NOW })
  const list: Array<[number[], number[]]> = []
  let k = 0
  for (const len of out.lengths) {
    list.push([[...out.ratings.slice(k, k + len)], [...out.deltaDays.slice(k, k + len)]])
    k += len
  }
  return { list, used: out.used, read: out.read, leftOut: out.leftOut, lastAt: [...out.lastAt] }
}

describe('FSRS training items from the review log', () => {
  it('makes one item per review a day or more after the previous, holding the history with its same-day reviews', () => {
    const got = items([
      r('a', '2026-01-10T09:00:00+01:00', 1, true),
      r('a', '2026-01-10T09:01:00+01:00', 3),
      r('a', '2026-01-10T09:11:00+01:00', 3),
      r('a', '2026-01-11T10:00:00+01:00', 3),
      r('a', '2026-01-11T10:10:00+01:00', 3),
      r('a', '2026-01-14T08:00:00+01:00', 2),
      // Never on two days: no item, and the panic fsrs-browser gives on such a card is avoided.
      r('b', '2026-01-12T09:00:00+01:00', 3, true),
      r('b', '2026-01-12T09:10:00+01:00', 3),
    ])
    expect(got.list).toEqual([
      [[1, 3, 3, 3], [0, 0, 0, 1]],
      [[1, 3, 3, 3, 3, 2], [0, 0, 0, 1, 0, 3]],
    ])
    expect(got.used).toBe(6)
    expect(got.leftOut.singleDay).toBe(2)
    expect(got.read).toBe(8)
  })

  it('counts a review before the rollover hour in the previous study day', () => {
    const log = [
      r('a', '2026-01-10T23:00:00+01:00', 3, true),
      r('a', '2026-01-11T03:30:00+01:00', 3),
      r('a', '2026-01-11T04:30:00+01:00', 3),
    ]
    // 04:00 rollover: 23:00 and 03:30 are one study day, 04:30 the next.
    expect(items(log).list).toEqual([[[3, 3, 3], [0, 0, 1]]])
    // Midnight rollover: 03:30 is the next day; 04:30 is the same day as 03:30 and waits.
    const midnight = items(log, { clock: { rolloverHour: 0, timeZone: 'Europe/Paris' } })
    expect(midnight.list).toEqual([[[3, 3], [0, 1]]])
    expect(midnight.leftOut.pending).toBe(1)
  })

  it('counts study days across a daylight-saving change, not 24-hour spans', () => {
    // Paris springs forward on 2026-03-29 (02:00 -> 03:00): 22 h 10 min apart, but one study day.
    const spring = items([r('a', '2026-03-28T06:00:00+01:00', 3, true), r('a', '2026-03-29T04:10:00+02:00', 3)])
    expect(spring.list).toEqual([[[3, 3], [0, 1]]])
    // And falls back on 2026-10-25 (03:00 -> 02:00): 25 h 30 min apart, still one study day.
    const autumn = items([r('a', '2026-10-24T04:10:00+02:00', 3, true), r('a', '2026-10-25T04:40:00+01:00', 4)])
    expect(autumn.list).toEqual([[[3, 4], [0, 1]]])
  })

  it('leaves out the reviews of a reset card made before its reset', () => {
    const got = items(
      [
        r('a', '2026-01-01T09:00:00+01:00', 3, true),
        r('a', '2026-01-03T09:00:00+01:00', 3),
        r('a', '2026-01-10T09:00:00+01:00', 1),
        // Reset to new in Browse, then studied again.
        r('a', '2026-01-12T09:00:00+01:00', 3, true),
        r('a', '2026-01-12T09:10:00+01:00', 3),
        r('a', '2026-01-13T09:00:00+01:00', 3),
        // Reset after its last review: nothing of it counts.
        r('b', '2026-01-01T09:00:00+01:00', 3, true),
        r('b', '2026-01-02T09:00:00+01:00', 3),
      ],
      { reset: ['b'] },
    )
    expect(got.list).toEqual([[[3, 3, 3], [0, 0, 1]]])
    expect(got.leftOut.beforeReset).toBe(5)
    expect(got.used).toBe(3)
  })

  it('puts reviews given out of order back in time order, and items in order of their last review', () => {
    const log = [
      r('b', '2026-01-05T09:00:00+01:00', 3),
      r('a', '2026-01-03T09:00:00+01:00', 4),
      r('b', '2026-01-02T09:00:00+01:00', 3, true),
      r('a', '2026-01-01T09:00:00+01:00', 3, true),
    ]
    const got = items(log)
    expect(got.list).toEqual([
      [[3, 4], [0, 2]],
      [[3, 3], [0, 3]],
    ])
    expect(got.lastAt).toEqual([Date.parse('2026-01-03T09:00:00+01:00'), Date.parse('2026-01-05T09:00:00+01:00')])
  })

  it('cleans a damaged log and counts what it left out', () => {
    const thousand = [r('c', '2026-02-01T08:00:00+01:00', 3, true)]
    for (let i = 1; i < 1000; i++) thousand.push(r('c', new Date(Date.parse('2026-02-01T08:00:00+01:00') + i * 30_000).toISOString(), 1))
    thousand.push(r('c', '2026-02-02T09:00:00+01:00', 3))
    const got = items([
      r('a', '2026-01-01T09:00:00+01:00', 3, true),
      r('a', '2026-01-02T09:00:00+01:00', 3),
      { ...r('a', '2026-01-03T09:00:00+01:00', 3), grade: 7 as GradeValue },
      { ...r('a', '2026-01-04T09:00:00+01:00', 3), reviewedAt: Number.NaN },
      r('a', '1970-01-01T00:00:00Z', 3),
      r('a', '2027-06-01T09:00:00+02:00', 3),
      // A partial history (the first review is missing): its memory is unknown.
      r('d', '2026-01-01T09:00:00+01:00', 3),
      r('d', '2026-01-05T09:00:00+01:00', 3),
      ...thousand,
    ])
    expect(got.list).toEqual([[[3, 3], [0, 1]]])
    expect(got.leftOut).toEqual({ invalid: 3, future: 1, beforeReset: 0, incomplete: 2, singleDay: 0, pending: 0, tooLong: 1001 })
    expect(got.used + Object.values(got.leftOut).reduce((a, b) => a + b, 0)).toBe(got.read)
  })

  it('keeps the items of a long history up to fsrs-rs\u2019s length limit', () => {
    const log = [r('a', '2026-01-01T09:00:00+01:00', 3, true)]
    for (let d = 1; d <= MAX_ITEM_REVIEWS + 5; d++) log.push(r('a', new Date(Date.parse('2026-01-01T09:00:00+01:00') + d * 86_400_000).toISOString(), 3))
    const got = items(log)
    expect(got.list).toHaveLength(MAX_ITEM_REVIEWS - 1)
    expect(got.list.at(-1)![0]).toHaveLength(MAX_ITEM_REVIEWS)
    expect(got.used).toBe(MAX_ITEM_REVIEWS)
    expect(got.leftOut.tooLong).toBe(6)
  })

  it('says how many more reviews fitting needs', () => {
    expect(reviewsNeeded({ used: 100, lengths: new Uint32Array(80) })).toBe(300)
    expect(reviewsNeeded({ used: 500, lengths: new Uint32Array(10) })).toBe(54)
    expect(reviewsNeeded({ used: 500, lengths: new Uint32Array(80) })).toBe(0)
  })
})
