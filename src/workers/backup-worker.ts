// The backup worker: reading, checking and writing a backup off the main thread, so a 50 MB file
// never freezes the page. It opens the same database as the page.
import { getDb } from '../db/database'
import { createBackupHandler } from './backup-handler'
import type { WorkerIn, WorkerOut } from './backup-protocol'

const scope = self as unknown as {
  onmessage: ((event: MessageEvent<WorkerIn>) => void) | null
  postMessage(message: WorkerOut): void
}
const handle = createBackupHandler(getDb)

scope.onmessage = (event) => {
  const { id, request } = event.data
  handle(request).then(
    (reply) => scope.postMessage({ id, reply }),
    // The error's name travels too: the page tells a full disk from a closed database by it.
    (e: unknown) => scope.postMessage(e instanceof Error ? { id, error: e.message, errorName: e.name } : { id, error: String(e) }),
  )
}
