// The page's side of the optimiser worker: started on first use, thrown away when its WebAssembly
// panicked (a new one serves the next request), one request at a time.
import type { OptimiseReply, OptimiseRequest, OptimiserRequest, RescheduleRequest, SimulateReply, SimulateRequest, WorkerOut } from './optimizer-protocol'

export type Phase = 'reading' | 'training' | 'checking' | 'simulating'

let worker: Worker | null = null
let nextId = 1
const waiting = new Map<number, { resolve: (reply: unknown) => void; reject: (e: Error) => void; phase?: (p: Phase) => void }>()

/** The optimiser's WebAssembly panicked: that run gave nothing, the next one starts afresh. */
export class OptimiserCrashedError extends Error {}

function stop(w: Worker, error: Error) {
  w.terminate()
  if (worker === w) worker = null
  for (const entry of waiting.values()) entry.reject(error)
  waiting.clear()
}

function start(): Worker {
  const w = new Worker(new URL('./optimizer-worker.ts', import.meta.url), { type: 'module', name: 'optimizer' })
  w.onmessage = (event: MessageEvent<WorkerOut>) => {
    const out = event.data
    const entry = waiting.get(out.id)
    if (!entry) return
    if ('phase' in out) return entry.phase?.(out.phase)
    waiting.delete(out.id)
    if ('reply' in out) return entry.resolve(out.reply)
    if (out.crashed) stop(w, new OptimiserCrashedError(out.error))
    entry.reject(new (out.crashed ? OptimiserCrashedError : Error)(out.error))
  }
  w.onerror = (event) => stop(w, new Error(event.message || 'the optimiser worker stopped'))
  return w
}

function request<R>(req: OptimiserRequest, phase?: (p: Phase) => void): Promise<R> {
  worker ??= start()
  const id = nextId++
  const w = worker
  return new Promise((resolve, reject) => {
    waiting.set(id, { resolve: resolve as (reply: unknown) => void, reject, phase })
    w.postMessage({ id, request: req })
  })
}

export const optimiseInWorker = (req: OptimiseRequest, phase?: (p: Phase) => void) => request<OptimiseReply>(req, phase)
export const simulateInWorker = (req: SimulateRequest, phase?: (p: Phase) => void) => request<SimulateReply>(req, phase)
export const rescheduleInWorker = (req: RescheduleRequest) => request<{ rescheduled: number }>(req)
