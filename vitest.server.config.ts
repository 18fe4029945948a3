import { defineConfig } from 'vitest/config'

// The sync server's tests (Node): on PGlite, and on a real PostgreSQL the setup starts or is given.
export default defineConfig({
  test: {
    include: ['tests/server/**/*.test.ts'],
    environment: 'node',
    globalSetup: ['tests/server/global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 120_000,
  },
})
