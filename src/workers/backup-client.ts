// The page's side of the backup worker: one worker, started on first use, and a promise per request.
import type { BackupRequest, ReplyOf, WorkerIn, WorkerOut } from './backup-protocol'

let worker: Worker | null = null
let nextId = 1
const waiting = new Map<number, { resolve: (reply: unknown) => void; reject: (e: Error) => void }>()

function start(): Worker {
  const w = new Worker(new URL('./backup-worker.ts', import.meta.url), { type: 'module', name: 'backup' })
  w.onmessage = (event: MessageEvent<WorkerOut>) => {
    const out = event.data
    const entry = waiting.get(out.id)
    if (!entry) return
    waiting.delete(out.id)
    if ('error' in out) {
      const error = new Error(out.error)
      if (out.errorName) error.name = out.errorName
      entry.reject(error)
    }
    else entry.resolve(out.reply)
  }
  w.onerror = (event) => {
    // The worker itself failed (it could not load): every pending request fails with it.
    for (const entry of waiting.values()) entry.reject(new Error(event.message || 'the backup worker stopped'))
    waiting.clear()
    worker = null
  }
  return w
}

export function backupRequest<T extends BackupRequest>(request: T): Promise<ReplyOf<T['type']>> {
  worker ??= start()
  const id = nextId++
  return new Promise((resolve, reject) => {
    waiting.set(id, { resolve: resolve as (reply: unknown) => void, reject })
    worker!.postMessage({ id, request } satisfies WorkerIn)
  })
}
