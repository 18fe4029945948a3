// Serves the production build (dist/) on a local port for the end-to-end tests, with the app's own
// server (`npm start`'s: the app and the sync API on one origin), on PGlite in a temporary folder.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { resolve } from 'node:path'

export const E2E_PORT = Number(process.env.E2E_PORT ?? 4183)

async function waitForServer(url: string, timeoutMs: number) {
  const start = Date.now()
  while (Date.now() - start < timeoutMs) {
    try {
      const res = await fetch(url)
      if (res.ok) return
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 200))
  }
  throw new Error(`the server did not answer at ${url} within ${timeoutMs} ms`)
}

export default async function setup() {
  const root = resolve(import.meta.dirname, '../..')
  const dist = process.env.E2E_DIST ?? 'dist'
  if (!existsSync(resolve(root, dist, 'index.html'))) {
    const build = spawnSync('npx', ['vite', 'build', '--outDir', dist], { cwd: root, stdio: 'inherit' })
    if (build.status !== 0) throw new Error('vite build failed')
  }
  const dataDir = mkdtempSync(resolve(tmpdir(), 'pm-cards-e2e-'))
  const server: ChildProcess = spawn('npx', ['tsx', 'server/main.ts'], {
    cwd: root,
    stdio: 'ignore',
    detached: true,
    env: { ...process.env, PORT: String(E2E_PORT), HOST: '127.0.0.1', DIST_DIR: dist, DATA_DIR: dataDir, DATABASE_URL: '' },
  })
  // PGlite compiles its WebAssembly on start: seconds on a busy machine.
  await waitForServer(`http://127.0.0.1:${E2E_PORT}/`, 90_000)
  return () => {
    if (server.pid) process.kill(-server.pid, 'SIGTERM')
    rmSync(dataDir, { recursive: true, force: true })
  }
}
