import { defineConfig } from 'vitest/config'

// The README's screenshots: the production build in Chromium, like the end-to-end tests.
export default defineConfig({
  test: {
    include: ['tests/shots/**/*.shots.ts'],
    environment: 'node',
    globalSetup: ['tests/e2e/global-setup.ts'],
    testTimeout: 180_000,
    hookTimeout: 120_000,
  },
})
