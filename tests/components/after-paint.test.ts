// afterPaint: work that waits for the next frame to be painted, with one frame callback for all.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { afterPaint } from '../../src/composables/after-paint'

let frames: Array<() => void> = []
beforeEach(() => {
  vi.useFakeTimers()
  frames = []
  vi.stubGlobal('requestAnimationFrame', (cb: () => void) => frames.push(cb))
})
afterEach(() => {
  vi.useRealTimers()
  vi.unstubAllGlobals()
})

/** The browser draws a frame: its callbacks run, then the tasks they queued. */
async function frame() {
  const run = frames
  frames = []
  for (const cb of run) cb()
  await vi.advanceTimersByTimeAsync(1)
}

describe('afterPaint', () => {
  it('waits for the next frame and the tasks after it, not for the fallback timer', async () => {
    let done = false
    void afterPaint().then(() => (done = true))
    await vi.advanceTimersByTimeAsync(50)
    expect(done).toBe(false)
    await frame()
    expect(done).toBe(true)
  })

  it('serves every waiter of a frame with one frame callback', async () => {
    const done: number[] = []
    for (const n of [1, 2, 3]) void afterPaint().then(() => done.push(n))
    expect(frames).toHaveLength(1)
    await frame()
    expect(done).toEqual([1, 2, 3])
  })

  it('makes a waiter that comes once the frame started wait for the frame after', async () => {
    const done: string[] = []
    void afterPaint().then(() => done.push('first'))
    // The frame's callbacks run; before the tasks they queued, something else asks.
    const run = frames
    frames = []
    for (const cb of run) cb()
    void afterPaint().then(() => done.push('second'))
    await vi.advanceTimersByTimeAsync(1)
    expect(done).toEqual(['first'])
    await frame()
    expect(done).toEqual(['first', 'second'])
  })

  it('gives up waiting after 100 ms when no frame comes (a hidden page)', async () => {
    let done = false
    void afterPaint().then(() => (done = true))
    await vi.advanceTimersByTimeAsync(99)
    expect(done).toBe(false)
    await vi.advanceTimersByTimeAsync(1)
    expect(done).toBe(true)
    // The frame that comes later changes nothing, and the next wait starts afresh.
    await frame()
    let next = false
    void afterPaint().then(() => (next = true))
    expect(frames).toHaveLength(1)
    await frame()
    expect(next).toBe(true)
  })
})
