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
    (e: unknown) => scope.postMessage({ id, error: e instanceof Error ? `${e.name}: ${e.message}` : String(e) }),
  )
}
