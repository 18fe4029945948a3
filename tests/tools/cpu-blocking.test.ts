// The bench's blocking time on CPU time (tests/bench/cpu-blocking.ts): thread time, the page's main
// thread only, from the end of its first HTML parse on (or its first paint, without a parse); and
// each task it counts named by what took most of it.
import { describe, expect, it } from 'vitest'
import { cpuBlockingMs, cpuLongTasks, wallLongTasks } from '../bench/cpu-blocking'

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

  it('names each task over 50 ms at 4x thread time by what took most of it, the page main thread only', () => {
    const inTask = (name: string, ts: number, tdurMs: number, extra: object = {}) => ({ name, ph: 'X', ...PAGE, ts, dur: tdurMs * 1000, tdur: tdurMs * 1000, ...extra })
    const events = [
      { name: 'ParseHTML', ph: 'X', ...PAGE, ts: 0, dur: 1_000, args: { beginData: { url: 'http://127.0.0.1/' } } },
      { name: 'firstContentfulPaint', ...PAGE, ts: 50_000 },
      task(10_000, 20, 15), inTask('v8.evaluateModule', 10_500, 14),
      task(30_000, 20, 14), inTask('v8.produceModuleCache', 30_500, 13),
      // Script: 12 ms in the microtasks (the call inside them not counted twice), 3 of layout.
      task(60_000, 30, 20), inTask('RunMicrotasks', 60_100, 12), inTask('FunctionCall', 60_200, 10, { args: { data: { url: 'http://127.0.0.1/assets/index-x1.js' } } }), inTask('Layout', 75_000, 3),
      // A frame: a 1 ms animation-frame callback, then 13 ms of style, layout and paint.
      task(90_000, 30, 16), inTask('FireAnimationFrame', 90_100, 1), inTask('UpdateLayoutTree', 91_500, 3), inTask('Layout', 95_000, 8), inTask('Paint', 104_000, 2),
      task(120_000, 20, 13), inTask('MinorGC', 120_500, 9),
      task(150_000, 20, 13), inTask('Something', 150_500, 12),
      task(180_000, 20, 12), inTask('Layout', 180_500, 11), // 48 at 4x: not long
      task(200_000, 40, 30, { pid: 8, tid: 1 }), // another process
      inTask('Layout', 200_500, 25, { pid: 8, tid: 1 }),
    ]
    expect(cpuLongTasks(events)).toEqual([
      { atMs: 9, x4Ms: 60, kind: 'module evaluated' },
      { atMs: 29, x4Ms: 56, kind: 'code cache' },
      { atMs: 59, x4Ms: 80, kind: 'script index-x1.js' },
      { atMs: 89, x4Ms: 64, kind: 'style and layout' },
      { atMs: 119, x4Ms: 52, kind: 'garbage collection' },
      { atMs: 149, x4Ms: 52, kind: 'other' },
    ])
    // The same tasks the blocking time counts: 10 + 6 + 30 + 14 + 2 + 2.
    expect(cpuBlockingMs(events)).toBe(64)
    expect(cpuLongTasks([task(0, 100, 100)])).toEqual([])
  })

  it('lists the tasks over 50 ms at 4x wall time with their thread time beside it, named the same way', () => {
    const inTask = (name: string, ts: number, durMs: number, tdurMs: number, extra: object = {}) => ({ name, ph: 'X', ...PAGE, ts, dur: durMs * 1000, tdur: tdurMs * 1000, ...extra })
    const events = [
      { name: 'ParseHTML', ph: 'X', ...PAGE, ts: 0, dur: 1_000, args: { beginData: { url: 'http://127.0.0.1/' } } },
      { name: 'firstContentfulPaint', ...PAGE, ts: 50_000 },
      // 16 ms on the wall, 2 of CPU: long for Lighthouse (64 ms), not on CPU time (8 ms).
      task(10_000, 16, 2), inTask('RunMicrotasks', 10_100, 15, 2), inTask('FunctionCall', 10_200, 14, 2, { args: { data: { url: 'http://127.0.0.1/assets/index-x1.js' } } }),
      task(40_000, 20, 15), inTask('Layout', 40_500, 19, 14), // long both ways
      task(70_000, 12, 12), // 48 at 4x: not long
      task(90_000, 30, 5, { pid: 8, tid: 1 }), // another process
    ]
    expect(wallLongTasks(events)).toEqual([
      { atMs: 9, x4WallMs: 64, x4Ms: 8, kind: 'script index-x1.js' },
      { atMs: 39, x4WallMs: 80, x4Ms: 60, kind: 'style and layout' },
    ])
    expect(cpuLongTasks(events).map((t) => t.atMs)).toEqual([39])
    expect(wallLongTasks([task(0, 100, 100)])).toEqual([])
  })
})
