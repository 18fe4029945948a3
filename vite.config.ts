import { defineConfig } from 'vite'
import vue from '@vitejs/plugin-vue'
import VueI18nPlugin from '@intlify/unplugin-vue-i18n/vite'
import { VitePWA } from 'vite-plugin-pwa'
import { compression } from 'vite-plugin-compression2'
import { decksPlugin } from './src/build/vite-plugin-decks'
import { compileHintsPlugin } from './src/build/vite-plugin-compile-hints'

import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

const { version } = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8')) as { version: string }

export default defineConfig({
  plugins: [
    vue(),
    decksPlugin('decks'),
    // UI messages compiled at build time: the app ships vue-i18n's runtime without its compiler.
    VueI18nPlugin({
      include: [fileURLToPath(new URL('./src/i18n/locales/**', import.meta.url))],
      module: 'petite-vue-i18n',
      runtimeOnly: true,
      dropMessageCompiler: true,
      compositionOnly: true,
      fullInstall: false,
      // '<1 min' and quotes are plain text here, never HTML (messages are never rendered with v-html).
      strictMessage: false,
      escapeHtml: false,
    }),
    // The first bundle compiled while it downloads (src/build/vite-plugin-compile-hints.ts).
    compileHintsPlugin(),
    // Brotli and gzip copies beside each file, which the server sends to a browser that accepts them
    // (server/http/static-app.ts): the first visit downloads ~90 KB of script instead of ~300 KB,
    // and the optimiser's WebAssembly ~450 KB instead of 1.7 MB.
    compression({ include: /\.(html|css|js|mjs|json|svg|webmanifest|wasm)$/, threshold: 1024, algorithms: ['brotliCompress', 'gzip'] }),
    VitePWA({
      // The learner decides when a new version applies (src/pwa): no reload by itself.
      registerType: 'prompt',
      injectRegister: false,
      includeAssets: ['favicon.svg', 'favicon.ico', 'apple-touch-icon-180x180.png'],
      manifest: {
        name: 'PM Cards : le métier de Product Manager en répétition espacée',
        short_name: 'PM Cards',
        description: 'Cartes de révision FSRS sur le métier de Product Manager, pour apprendre et préparer ses entretiens, même hors ligne.',
        lang: 'fr',
        dir: 'ltr',
        start_url: '/',
        scope: '/',
        id: '/',
        display: 'standalone',
        orientation: 'any',
        theme_color: '#4f46e5',
        background_color: '#f7f7fb',
        categories: ['education', 'productivity'],
        icons: [
          { src: 'pwa-64x64.png', sizes: '64x64', type: 'image/png' },
          { src: 'pwa-192x192.png', sizes: '192x192', type: 'image/png' },
          { src: 'pwa-512x512.png', sizes: '512x512', type: 'image/png' },
          { src: 'maskable-icon-512x512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
        ],
      },
      workbox: {
        // The app shell, every route's chunk and the deck content: all of it works offline.
        globPatterns: ['**/*.{js,css,html,svg,png,ico,webmanifest}'],
        navigateFallback: 'index.html',
        cleanupOutdatedCaches: true,
        // The optimiser's WebAssembly (fsrs-browser, ~1.7 MB, ~450 KB gzip) is not precached: most
        // learners never run it, and every install and update would download it. It is cached when
        // first used (its name carries its hash: cache first), so it then works offline too.
        runtimeCaching: [
          {
            urlPattern: ({ url }) => url.pathname.endsWith('.wasm'),
            handler: 'CacheFirst',
            options: { cacheName: 'optimizer-wasm', expiration: { maxEntries: 2 }, cacheableResponse: { statuses: [200] } },
          },
        ],
      },
    }),
  ],
  resolve: {
    // Dexie's package points bundlers at its ES5 UMD build; its ES2020 build, minified by Dexie's
    // own build, is about 4 KB (gzip) lighter. The app is its only importer, so there is one Dexie.
    alias: { dexie: fileURLToPath(new URL('./node_modules/dexie/dist/modern/dexie.min.mjs', import.meta.url)) },
  },
  define: {
    // Shown in settings; the end-to-end update test builds a second version with another id.
    __APP_BUILD__: JSON.stringify(process.env.APP_BUILD_ID ?? version),
    __VUE_OPTIONS_API__: false,
    __VUE_PROD_DEVTOOLS__: false,
    __VUE_PROD_HYDRATION_MISMATCH_DETAILS__: false,
    __VUE_I18N_FULL_INSTALL__: false,
    __VUE_I18N_LEGACY_API__: false,
    __INTLIFY_PROD_DEVTOOLS__: false,
  },
  build: {
    target: 'es2022',
    // Read by the benchmark to size each lazy route's chunk.
    manifest: true,
    // Browsers without <link rel=modulepreload> (Safari before 17) still load every chunk, one
    // import after the other; the polyfill would cost every first page 0.5 KB.
    modulePreload: { polyfill: false },
    // Terser packs the first page about 4.5 KB (gzip) tighter than esbuild's minifier.
    minify: 'terser',
    terserOptions: { module: true, compress: { passes: 2 } },
    reportCompressedSize: true,
  },
  // The optimiser's worker (fsrs-browser's glue) splits code: workers are ES modules, as every
  // worker here is started with { type: 'module' }.
  worker: { format: 'es' },
  preview: { host: '127.0.0.1', port: 4173, strictPort: true },
})
