import { defineConfig } from 'vitest/config'
import vue from '@vitejs/plugin-vue'
import { decksPlugin } from './src/build/vite-plugin-decks'

export default defineConfig({
  plugins: [vue(), decksPlugin('decks')],
  define: {
    __APP_BUILD__: JSON.stringify('test'),
    __VUE_I18N_FULL_INSTALL__: true,
    __VUE_I18N_LEGACY_API__: false,
    __INTLIFY_PROD_DEVTOOLS__: false,
  },
  test: {
    include: ['tests/domain/**/*.test.ts', 'tests/db/**/*.test.ts', 'tests/components/**/*.test.ts', 'tests/decks/**/*.test.ts', 'tests/tools/**/*.test.ts', 'tests/sync/**/*.test.ts'],
    environment: 'node',
    setupFiles: ['tests/setup.ts'],
    // Fixed zone for tests that read local time; tests needing other zones pass one explicitly.
    env: { TZ: 'Europe/Paris' },
  },
})
