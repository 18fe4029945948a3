import { defineConfig } from 'vite'
import vue from '@vitejs/plugin-vue'
import { decksPlugin } from './src/build/vite-plugin-decks'

export default defineConfig({
  plugins: [vue(), decksPlugin('decks')],
  define: {
    __VUE_OPTIONS_API__: false,
    __VUE_PROD_DEVTOOLS__: false,
    __VUE_PROD_HYDRATION_MISMATCH_DETAILS__: false,
    __VUE_I18N_FULL_INSTALL__: false,
    __VUE_I18N_LEGACY_API__: false,
    __INTLIFY_PROD_DEVTOOLS__: false,
  },
  build: {
    target: 'es2022',
    reportCompressedSize: true,
  },
  preview: { host: '127.0.0.1', port: 4173, strictPort: true },
})
