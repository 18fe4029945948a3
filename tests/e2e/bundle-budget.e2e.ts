// Byte budgets of the production build (deterministic, so they are tests; timings are the bench's).
// The first screen: what index.html loads plus the core UI messages of one language.
import { readFileSync } from 'node:fs'
import { brotliDecompressSync, gunzipSync } from 'node:zlib'
import { resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { COMPILE_HINT } from '../../src/build/vite-plugin-compile-hints'
import { firstPageBytes, firstPageFiles, lazyRouteBytes } from '../bench/sizes'

const DIST = resolve(import.meta.dirname, '../..', process.env.E2E_DIST ?? 'dist')

/** Issue 8's budget. Vue, vue-router, Dexie and pinia alone weigh about 70 KB of it (README). */
export const FIRST_PAGE_BUDGET = 90 * 1024

describe('bundle budget', () => {
  it(`keeps the first page within ${FIRST_PAGE_BUDGET / 1024} KB gzip`, () => {
    const { js, css, messages } = firstPageBytes(DIST)
    console.log(`first page: ${js + css} bytes gzip (JS ${js - messages}, messages ${messages}, CSS ${css})`)
    expect(messages).toBeGreaterThan(500)
    expect(js + css).toBeLessThanOrEqual(FIRST_PAGE_BUDGET)
  })

  it('keeps the statistics, browse, interview, data and sync screens, and the review screen, out of the first page', () => {
    const lazy = lazyRouteBytes(DIST)
    // The review screen loads once home is idle (src/app/review-route.ts), not with the first page.
    expect(Object.keys(lazy).sort()).toEqual(['BrowseView', 'DataView', 'InterviewView', 'ReviewView', 'SettingsView', 'StatsView', 'SyncView'])
    // Chart.js lives in the stats chunk only.
    expect(lazy.StatsView).toBeGreaterThan(40 * 1024)
  })

  it('keeps the parts the first card may not need out of the first page', () => {
    const manifest = JSON.parse(readFileSync(resolve(DIST, '.vite/manifest.json'), 'utf8')) as Record<string, { file: string }>
    const first = new Set(firstPageFiles(DIST))
    for (const src of [
      'src/components/review/ReviewCardChoice.vue',
      'src/components/review/ReviewCardInterview.vue',
      'src/components/review/ReviewSource.vue',
      'src/components/review/ReviewSummary.vue',
      'src/components/app/AppUpdatePrompt.vue',
      'src/db/deck-sync.ts',
      'virtual:deck-content',
    ]) {
      const chunk = manifest[src]
      expect(chunk, `${src} is a chunk of its own`).toBeDefined()
      expect(first.has(chunk!.file), `${src} is loaded by the first page`).toBe(false)
    }
  })

  it('asks Chromium to compile the first bundle while it downloads, in what the server sends too', () => {
    const scripts = [...readFileSync(resolve(DIST, 'index.html'), 'utf8').matchAll(/<script type="module"[^>]* src="\/([^"]+\.js)"/g)].map((m) => m[1]!)
    expect(scripts).toHaveLength(1)
    const file = resolve(DIST, scripts[0]!)
    const code = readFileSync(file, 'utf8')
    // Only as the file's first line does the comment count.
    expect(code.split('\n')[0]).toBe(COMPILE_HINT)
    expect(brotliDecompressSync(readFileSync(`${file}.br`)).toString()).toBe(code)
    expect(gunzipSync(readFileSync(`${file}.gz`)).toString()).toBe(code)
    // The lazy chunks are compiled as they run.
    const manifest = JSON.parse(readFileSync(resolve(DIST, '.vite/manifest.json'), 'utf8')) as Record<string, { file: string; isEntry?: boolean }>
    const lazy = Object.values(manifest).filter((c) => !c.isEntry && c.file.endsWith('.js'))
    expect(lazy.length).toBeGreaterThan(5)
    for (const c of lazy) expect(readFileSync(resolve(DIST, c.file), 'utf8').startsWith(COMPILE_HINT), c.file).toBe(false)
  })
})
