// Serves the production build (dist/) on a local port for the end-to-end tests.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import { existsSync } from 'node:fs'
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
  throw new Error(`the preview server did not answer at ${url} within ${timeoutMs} ms`)
}

export default async function setup() {
  const root = resolve(import.meta.dirname, '../..')
  const dist = process.env.E2E_DIST ?? 'dist'
  if (!existsSync(resolve(root, dist, 'index.html'))) {
    const build = spawnSync('npx', ['vite', 'build', '--outDir', dist], { cwd: root, stdio: 'inherit' })
    if (build.status !== 0) throw new Error('vite build failed')
  }
  const server: ChildProcess = spawn('npx', ['vite', 'preview', '--outDir', dist, '--port', String(E2E_PORT), '--strictPort', '--host', '127.0.0.1'], {
    cwd: root,
    stdio: 'ignore',
    detached: true,
  })
  await waitForServer(`http://127.0.0.1:${E2E_PORT}/`, 30_000)
  return () => {
    if (server.pid) process.kill(-server.pid, 'SIGTERM')
  }
}
