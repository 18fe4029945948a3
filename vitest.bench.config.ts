import { defineConfig } from 'vitest/config'

// `npm run bench`: the production build in headless Chromium with a generated year of reviews.
export default defineConfig({
  test: {
    include: ['tests/bench/**/*.bench.ts'],
    environment: 'node',
    // One browser at a time: the app bench and Lighthouse would otherwise share the CPU they measure.
    fileParallelism: false,
    globalSetup: ['tests/e2e/global-setup.ts'],
    testTimeout: 900_000,
    hookTimeout: 300_000,
  },
})
