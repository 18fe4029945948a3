// @vitest-environment happy-dom
// The page's side of the optimiser worker: a panic of the WebAssembly throws that worker away, and
// the next run starts another.
import { afterEach, describe, expect, it, vi } from 'vitest'

class FakeWorker {
  static made: FakeWorker[] = []
  onmessage: ((e: MessageEvent) => void) | null = null
  onerror: ((e: ErrorEvent) => void) | null = null
  terminated = false
  constructor() {
    FakeWorker.made.push(this)
  }
  postMessage(message: { id: number }) {
    // The first worker panics; the next ones answer.
    const crashed = FakeWorker.made.indexOf(this) === 0
    queueMicrotask(() =>
      this.onmessage?.({ data: crashed ? { id: message.id, error: 'RuntimeError: unreachable', crashed: true } : { id: message.id, reply: { kind: 'too-little', needed: 10 } } } as MessageEvent),
    )
  }
  terminate() {
    this.terminated = true
  }
}

afterEach(() => {
  vi.unstubAllGlobals()
})

describe('optimiser worker client', () => {
  it('throws a panicked worker away and starts another for the next run', async () => {
    vi.stubGlobal('Worker', FakeWorker)
    const { optimiseInWorker, OptimiserCrashedError } = await import('../../src/workers/optimizer-client')
    const req = { type: 'optimise' as const, dbName: 'x', nowMs: 0, timeZone: 'UTC', rolloverHour: 4, currentWeights: null }
    await expect(optimiseInWorker(req)).rejects.toBeInstanceOf(OptimiserCrashedError)
    expect(FakeWorker.made[0]!.terminated).toBe(true)
    await expect(optimiseInWorker(req)).resolves.toEqual({ kind: 'too-little', needed: 10 })
    expect(FakeWorker.made).toHaveLength(2)
  })
})
