// Every screen in both languages: its messages load with it (per-route namespaces), no key is
// missing, no raw key shows, and a change of language reaches the screens already loaded.
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

const ROUTES = ['/', '/review', '/settings', '/stats', '/interview', '/browse', '/decks', '/cards/new', '/data']
// A message key on screen looks like "stats.range.label": lower-case words joined by dots.
const RAW_KEY = /\b(?:app|nav|counts|home|review|interval|when|pwa|errors|settings|stats|interview|browse|data)\.[a-z]\w*(?:\.\w+)*\b/

function watch(page: Page) {
  const problems: string[] = []
  page.on('console', (m) => {
    if (m.type() === 'error' && /Missing message/.test(m.text())) problems.push(m.text())
  })
  page.on('pageerror', (e) => problems.push(e.message))
  return problems
}

async function settle(page: Page) {
  await page.waitForLoadState('networkidle')
  await page.waitForFunction(() => !document.querySelector('[aria-busy="true"]'))
  await page.waitForTimeout(200)
}

describe('UI messages in the browser', () => {
  for (const locale of ['fr-FR', 'en-US'] as const) {
    it(`shows every screen with its messages, none missing (${locale})`, async () => {
      const context = await browser.newContext({ viewport: { width: 360, height: 740 }, locale })
      const page = await context.newPage()
      const problems = watch(page)
      for (const route of ROUTES) {
        await page.goto(`${BASE_URL}${route}`)
        await settle(page)
        const text = await page.locator('body').innerText()
        expect(text.match(RAW_KEY)?.[0] ?? null, `${route}: raw key on screen`).toBeNull()
        expect(text.trim().length, route).toBeGreaterThan(20)
      }
      // The lang attribute follows the language.
      expect(await page.evaluate(() => document.documentElement.lang)).toBe(locale.slice(0, 2))
      expect(problems).toEqual([])
      await context.close()
    })
  }

  it('switches language from settings, loading the new language for what is on screen', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'fr-FR' })
    const page = await context.newPage()
    const problems = watch(page)
    await page.goto(`${BASE_URL}/settings`)
    await page.locator('[data-test="settings-form"]').waitFor()
    await expect.poll(() => page.locator('nav').first().innerText()).toContain('Réglages')
    await page.selectOption('#language', 'en')
    await expect.poll(() => page.locator('nav').first().innerText()).toContain('Settings')
    await expect.poll(() => page.locator('label[for="language"]').innerText()).toBe('Language')
    // A screen opened afterwards comes in English, and so does the next visit.
    await page.goto(`${BASE_URL}/stats`)
    await settle(page)
    expect(await page.locator('h1').first().innerText()).toBe('Statistics')
    await page.goto(`${BASE_URL}/`)
    await settle(page)
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en')
    expect((await page.locator('body').innerText()).match(RAW_KEY)).toBeNull()
    expect(problems).toEqual([])
    await context.close()
  })
})
