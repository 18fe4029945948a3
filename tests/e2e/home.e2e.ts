// Home on a phone, with taps: every count named, "today" apart from "in the deck", the limit that
// keeps cards back (and the way to its setting), and where the page scrolls on each navigation.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { screenViolations } from './accessibility'
import { BASE_URL, launchBrowser, screenshot } from './browser'

let browser: Browser
beforeAll(async () => {
  browser = await launchBrowser()
})
afterAll(async () => {
  await browser?.close()
})

const PHONE = { width: 360, height: 740 }
const phone = (colorScheme: 'light' | 'dark' = 'light'): Promise<BrowserContext> =>
  browser.newContext({ viewport: PHONE, locale: 'fr-FR', colorScheme, hasTouch: true, isMobile: true })

async function openHome(page: Page) {
  await page.goto(`${BASE_URL}/`)
  await page.locator('[data-test="total-counts"]').waitFor()
  await page.locator('li[data-deck]').first().waitFor()
  // The decks after the first ones are drawn a few a task.
  await page.locator('ul.decks[aria-busy="false"]').waitFor()
}

/** Each count's text as read aloud, and numbers standing without a word. */
function countTexts(page: Page, selector: string) {
  return page.locator(`${selector} .count`).evaluateAll((els) => els.map((e) => (e.textContent ?? '').replace(/\s+/g, ' ').trim()))
}

describe('home', () => {
  it('names every count, tells today from the deck, and says which limit holds cards back', async () => {
    const context = await phone()
    const page = await context.newPage()
    const errors: string[] = []
    page.on('pageerror', (e) => errors.push(e.message))
    await openHome(page)

    expect(await countTexts(page, '[data-test="total-counts"]')).toEqual(['20 nouvelles', '0 en cours', '0 à réviser'])
    const note = page.locator('[data-test="limit-note"]')
    const text = await note.locator('p').innerText()
    const waiting = Number(/(\d+) autres attendent\.$/.exec(text)?.[1])
    expect(text).toBe(`Limite du jour\u202f: 20 nouvelles cartes par jour\u202f; ${waiting} autres attendent.`)

    // Each deck: its "today" and its size, each with a name; no bare number.
    const decks = page.locator('li[data-deck]')
    let unseen = 0
    for (let i = 0; i < (await decks.count()); i++) {
      const deck = decks.nth(i)
      expect(await deck.locator('dt').evaluateAll((els) => els.map((e) => e.textContent))).toEqual(['Aujourd’hui', 'Dans le paquet'])
      for (const c of await countTexts(page, `li[data-deck="${await deck.getAttribute('data-deck')}"]`)) expect(c).toMatch(/^\d+ (nouvelles?|en cours|à réviser)$/)
      const size = await deck.locator('[data-test="deck-size"] dd').innerText()
      const [, cards, never] = /^(\d+) cartes, (\d+) jamais étudiées$/.exec(size) ?? []
      expect(cards).toBe(never)
      unseen += Number(never)
    }
    // What waits is what the decks hold beyond today's 20.
    expect(waiting).toBe(unseen - 20)
    expect(await screenViolations(page, 'home')).toEqual([])
    await screenshot(page, 'home-labelled')

    // The link goes to the setting, in view.
    await note.locator('a').tap()
    await page.locator('#new-per-day').waitFor()
    await page.waitForFunction(() => {
      const r = document.getElementById('new-per-day')!.getBoundingClientRect()
      return r.top > 0 && r.bottom < window.innerHeight - 60
    })
    expect(await page.evaluate(() => window.scrollY)).toBeGreaterThan(0)

    // Three new cards a day, studied with taps: the limit is reached, the others still wait.
    await page.locator('#new-per-day').fill('3')
    await page.locator('#new-per-day').press('Tab')
    await page.waitForFunction(() => [...document.querySelectorAll('[role="status"]')].some((e) => e.textContent?.includes('enregistrés')))
    await page.goto(`${BASE_URL}/review`)
    for (let i = 0; i < 3; i++) {
      const shown = page.locator('[data-test="show-answer"]')
      await shown.waitFor()
      // Past the answer guard of a card just shown.
      await page.waitForTimeout(700)
      await shown.tap()
      await page.locator('[data-grade="4"]').waitFor()
      await page.waitForTimeout(700)
      await page.locator('[data-grade="4"]').tap()
      await page.waitForFunction((n) => document.querySelectorAll('[data-grade="4"]').length === 0 || n < 0, i)
    }
    await openHome(page)
    expect(await countTexts(page, '[data-test="total-counts"]')).toEqual(['0 nouvelle', '0 en cours', '0 à réviser'])
    await expect(note.locator('p').innerText()).resolves.toBe(`Limite du jour atteinte\u202f: 3 nouvelles cartes par jour\u202f; ${unseen - 3} autres attendent.`)
    expect(await screenViolations(page, 'home, limit reached')).toEqual([])
    await screenshot(page, 'home-limit-reached')
    expect(errors).toEqual([])
    await context.close()
  })

  it('opens a new page at its top, and back returns where the learner was', async () => {
    const context = await phone()
    const page = await context.newPage()
    await openHome(page)
    const last = page.locator('li[data-deck]').last()
    await last.scrollIntoViewIfNeeded()
    const y = await page.evaluate(() => window.scrollY)
    expect(y).toBeGreaterThan(500)
    // A new page starts at its top, even one tall enough to keep the scroll (settings).
    await page.locator('.app-nav a[href="/settings"]').tap()
    await page.locator('[data-test="settings-form"]').waitFor()
    await page.waitForTimeout(500)
    expect(await page.evaluate(() => window.scrollY)).toBe(0)
    // Back: home at the same place, once its decks are drawn again.
    await page.goBack()
    await page.locator('li[data-deck]').last().waitFor()
    await page.waitForFunction((at) => Math.abs(window.scrollY - at) < 2, y)
    await context.close()
  })
})
