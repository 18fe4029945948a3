// Server tests run on PGlite always, and on a real PostgreSQL: TEST_DATABASE_URL when given, else a
// throwaway cluster from the installed binaries. Without either they say so; with
// SYNC_TEST_REQUIRE_POSTGRES=1 (CI) a missing PostgreSQL fails the run instead.
import type { TestProject } from 'vitest/node'
import { findPostgresBin, startCluster } from './pg-cluster'

declare module 'vitest' {
  export interface ProvidedContext {
    postgresUrl: string
  }
}

export default async function setup(project: TestProject) {
  let url = process.env.TEST_DATABASE_URL ?? ''
  let stop = () => {}
  let label = url ? `PostgreSQL at TEST_DATABASE_URL` : ''
  if (!url) {
    const bin = findPostgresBin()
    if (bin) {
      const cluster = await startCluster(bin)
      url = cluster.url
      stop = cluster.stop
      label = `${cluster.version}, a throwaway cluster`
    }
  }
  if (!url && process.env.SYNC_TEST_REQUIRE_POSTGRES === '1') throw new Error('PostgreSQL is required (SYNC_TEST_REQUIRE_POSTGRES=1) but neither TEST_DATABASE_URL nor initdb was found')
  console.log(`Server tests run on: PGlite${url ? ` and ${label}` : ' only (no PostgreSQL here: set TEST_DATABASE_URL or install the postgresql package)'}`)
  project.provide('postgresUrl', url)
  return () => stop()
}
