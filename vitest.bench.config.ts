import { defineConfig } from 'vitest/config'

// `npm run bench`: the production build in headless Chromium with a generated year of reviews.
export default defineConfig({
  test: {
    include: ['tests/bench/**/*.bench.ts'],
    environment: 'node',
    globalSetup: ['tests/e2e/global-setup.ts'],
    testTimeout: 900_000,
    hookTimeout: 300_000,
  },
})
