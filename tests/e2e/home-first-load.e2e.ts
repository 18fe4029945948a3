// Home's first load holds still: nothing already on screen moves when the decks, the counts, the
// interview card or the reminder come in. Chromium's own layout-shift entries (the CLS measure),
// on a first visit (empty storage) and on the next one (the service worker in control).
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser, Page } from 'playwright-core'
import { BASE_URL, launchBrowser } from './browser'

let browser: Browser
beforeAll(async () => {
  browser = await launchBrowser()
})
afterAll(async () => {
  await browser?.close()
})

/** Issue 22: Lighthouse's "good" CLS is 0.1; home aims at nothing moving at all. */
const MAX_SHIFT = 0.02

declare global {
  interface Window {
    __shifts: Array<{ value: number; at: number; moved: string[] }>
  }
}

/** Every layout shift not caused by input, from the page's start (buffered), with what moved. */
function recordShifts() {
  window.__shifts = []
  new PerformanceObserver((list) => {
    for (const e of list.getEntries() as Array<PerformanceEntry & { value: number; hadRecentInput: boolean; sources?: Array<{ node?: Node | null }> }>) {
      if (e.hadRecentInput) continue
      const moved = (e.sources ?? []).map((s) => {
        const el = s.node instanceof Element ? s.node : s.node?.parentElement
        return el ? `${el.tagName.toLowerCase()}${el.className ? `.${String(el.className).split(' ')[0]}` : ''}` : '?'
      })
      window.__shifts.push({ value: e.value, at: Math.round(e.startTime), moved })
    }
  }).observe({ type: 'layout-shift', buffered: true })
}

/** Home with its decks, counts and interview card, once the network is quiet and two frames are drawn. */
async function loadHome(page: Page) {
  await page.goto(`${BASE_URL}/`)
  await page.locator('[data-test="total-counts"]').waitFor()
  await page.locator('li[data-deck]').first().waitFor()
  await page.locator('[data-test="interview-plan"]').waitFor()
  await page.waitForLoadState('networkidle')
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))))
  const shifts = await page.evaluate(() => window.__shifts)
  return { total: shifts.reduce((s, e) => s + e.value, 0), shifts }
}

describe("home's first load", () => {
  for (const viewport of [{ width: 360, height: 740 }, { width: 1280, height: 800 }]) {
    it(`moves nothing on screen at ${viewport.width}x${viewport.height}, first visit and repeat visit`, async () => {
      const context = await browser.newContext({ viewport, locale: 'fr-FR' })
      await context.addInitScript(recordShifts)
      const page = await context.newPage()
      // A slower phone's CPU: the parts of home then come in separate frames, as they do on one.
      const cdp = await context.newCDPSession(page)
      await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 })

      const first = await loadHome(page)
      expect(first.total, JSON.stringify(first.shifts)).toBeLessThanOrEqual(MAX_SHIFT)

      await page.evaluate(() => navigator.serviceWorker.ready)
      const repeat = await loadHome(page)
      expect(await page.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true)
      expect(repeat.total, JSON.stringify(repeat.shifts)).toBeLessThanOrEqual(MAX_SHIFT)
      await context.close()
    })
  }
})
