// Home's first load holds still: nothing already on screen moves when the decks, the counts, the
// interview card or the reminder come in. Chromium's own layout-shift entries (the CLS measure),
// on a first visit (empty storage) and on the next one (the service worker in control). And on a
// first visit, what home does not show is downloaded only once its largest text is painted.
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
    __paints: Array<{ at: number; element: string }>
    __homeDrawnAt: number | null
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

/**
 * Every largest-contentful-paint candidate (buffered), when it was painted and what it was; and
 * when home's last part entered the page (its deck list no longer busy).
 */
function recordLargestPaints() {
  window.__paints = []
  window.__homeDrawnAt = null
  new MutationObserver((_, observer) => {
    if (!document.querySelector('ul.decks[aria-busy="false"]')) return
    window.__homeDrawnAt = performance.now()
    observer.disconnect()
  }).observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ['aria-busy'] })
  new PerformanceObserver((list) => {
    for (const e of list.getEntries() as Array<PerformanceEntry & { element?: Element | null }>) {
      window.__paints.push({ at: e.startTime, element: e.element ? `${e.element.tagName.toLowerCase()}.${e.element.className}` : '?' })
    }
  }).observe({ type: 'largest-contentful-paint', buffered: true })
}

/**
 * Files home does not show: the deck texts and the code that writes them, the review screen's
 * chunk fetched ahead, the service worker's. On a slow link a download that starts before the
 * largest paint delays it (Lighthouse counts it in its simulated paint: 1.7 s became 2.1 s).
 */
const NOT_HOME = /deck-content|deck-sync|ReviewView|workbox-window|\/sw\.js/

describe("home's first visit", () => {
  // Lighthouse's phone (412x823 at 1.75x, where the largest text is a deck's description, in home's
  // last parts), its page unthrottled as Lighthouse observes it before simulating: there, before
  // home waited for its last part, the deck texts were requested between home's frames on 3 loads
  // in 4. Twice, each from empty storage.
  for (const load of [1, 2]) {
    it(`downloads what home does not show only once its last part and largest text are painted (load ${load})`, async () => {
      const context = await browser.newContext({ viewport: { width: 412, height: 823 }, deviceScaleFactor: 1.75, isMobile: true, locale: 'fr-FR' })
      await context.addInitScript(recordLargestPaints)
      const page = await context.newPage()
      await page.goto(`${BASE_URL}/`)
      // Home entirely drawn, the decks written (the first visit's writes), the service worker there.
      await page.locator('ul.decks[aria-busy="false"]').waitFor()
      await page.evaluate(() => navigator.serviceWorker.ready)
      await page.waitForLoadState('networkidle')
      const { paints, drawnAt, later } = await page.evaluate((notHome) => {
        const re = new RegExp(notHome)
        const later = performance
          .getEntriesByType('resource')
          .filter((r) => re.test(r.name))
          .map((r) => ({ name: r.name.replace(location.origin, ''), at: r.startTime }))
        return { paints: window.__paints, drawnAt: window.__homeDrawnAt, later }
      }, NOT_HOME.source)
      const last = paints.at(-1)
      expect(last, 'no largest-contentful-paint entry').toBeDefined()
      expect(drawnAt, "home's last part never came").not.toBeNull()
      // The deck texts must have been downloaded on this first visit, or the test says nothing.
      expect(later.map((r) => r.name).join(' ')).toMatch(/deck-content/)
      const seen = `home drawn at ${drawnAt!.toFixed(0)} ms, largest paint at ${last!.at.toFixed(0)} ms (${last!.element}), downloads: ${JSON.stringify(later)}`
      expect(later.filter((r) => r.at <= drawnAt!), seen).toEqual([])
      expect(later.filter((r) => r.at <= last!.at), seen).toEqual([])
      await context.close()
    })
  }
})
