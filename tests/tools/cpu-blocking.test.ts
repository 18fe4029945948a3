// The bench's blocking time on CPU time (tests/bench/cpu-blocking.ts): thread time, the page's main
// thread only, from the end of its first HTML parse on (or its first paint, without a parse).
import { describe, expect, it } from 'vitest'
import { cpuBlockingMs } from '../bench/cpu-blocking'

const PAGE = { pid: 7, tid: 1 }
const task = (ts: number, durMs: number, tdurMs: number, where = PAGE) => ({ name: 'RunTask', ph: 'X', ...where, ts, dur: durMs * 1000, tdur: tdurMs * 1000 })

describe('cpuBlockingMs', () => {
  it('counts 4x thread time over 50 ms, for the page main thread after its first paint', () => {
    const events = [
      task(0, 100, 40), // before the first paint: not counted
      { name: 'firstContentfulPaint', pid: 7, tid: 1, ts: 1_000 },
      task(2_000, 90, 30), // 4 x 30 - 50 = 70 (its wall time, 90, is not what counts)
      task(3_000, 40, 10), // 4 x 10 = 40: under 50
      task(4_000, 60, 20, { pid: 8, tid: 1 }), // another process
      task(5_000, 60, 20, { pid: 7, tid: 2 }), // another thread
      { name: 'RunTask', ph: 'X', ...PAGE, ts: 6_000, dur: 25_000 }, // no thread time: its wall time, 4 x 25 - 50
    ]
    expect(cpuBlockingMs(events)).toBe(70 + 50)
  })

  it('counts from the end of the first HTML parse when there is one, even before the first paint', () => {
    const events = [
      { name: 'ParseHTML', ph: 'X', ...PAGE, ts: 0, dur: 1_000, args: { beginData: { url: '' } } }, // about:blank
      task(10_000, 30, 30), // the navigation's commit: not counted
      { name: 'ParseHTML', ph: 'X', ...PAGE, ts: 100_000, dur: 5_000, args: { beginData: { url: 'http://127.0.0.1/' } } },
      task(100_000, 60, 60), // holds the parse: not counted
      task(200_000, 40, 40), // the first bundle, before the observed first paint: 4 x 40 - 50
      { name: 'firstContentfulPaint', ...PAGE, ts: 300_000 },
      task(400_000, 20, 20), // 4 x 20 - 50
    ]
    expect(cpuBlockingMs(events)).toBe(110 + 30)
  })

  it('is not a number without a first paint, and 0 with no task after it', () => {
    expect(cpuBlockingMs([task(0, 100, 100)])).toBeNaN()
    expect(cpuBlockingMs([{ name: 'firstContentfulPaint', ...PAGE, ts: 0 }])).toBe(0)
  })
})
