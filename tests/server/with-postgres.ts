// `tsx tests/server/with-postgres.ts <command…>`: runs the command with TEST_DATABASE_URL pointing at a
// throwaway PostgreSQL cluster (see pg-cluster.ts), then stops and removes the cluster. Used by .ci/run.
import { spawnSync } from 'node:child_process'
import { findPostgresBin, startCluster } from './pg-cluster'

const [command, ...args] = process.argv.slice(2)
if (!command) throw new Error('usage: with-postgres.ts <command> [args…]')
const bin = findPostgresBin()
if (!bin) throw new Error('no PostgreSQL server binaries (initdb): install the postgresql package')
const cluster = await startCluster(bin)
console.log(`${cluster.version}: a throwaway cluster at ${cluster.url}`)
let status = 1
try {
  status = spawnSync(command, args, { stdio: 'inherit', env: { ...process.env, TEST_DATABASE_URL: cluster.url, SYNC_TEST_REQUIRE_POSTGRES: '1' } }).status ?? 1
} finally {
  cluster.stop()
}
process.exit(status)
