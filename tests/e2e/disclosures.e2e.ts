// Fold-outs that look like what they are: a chevron that turns with the state, the state exposed
// (a <details> does it natively; a button that folds content has aria-expanded), a 44 px target.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser, Locator, Page } from 'playwright-core'
import { BASE_URL, launchBrowser, screenshot } from './browser'

let browser: Browser
beforeAll(async () => {
  browser = await launchBrowser()
})
afterAll(async () => {
  await browser?.close()
})

interface Facts {
  open: boolean
  chevron: string
  turn: string
  height: number
  width: number
}

/** A disclosure's state, its chevron (drawn before its label) and its target's box. */
function facts(toggle: Locator): Promise<Facts> {
  return toggle.evaluate((el) => {
    const box = el.getBoundingClientRect()
    const before = getComputedStyle(el, '::before')
    const details = el.closest('details')
    const open = el.tagName === 'SUMMARY' && details ? details.open : el.getAttribute('aria-expanded') === 'true'
    const drawn = before.content !== 'none' && before.content !== 'normal' && parseFloat(before.width) > 0 && before.borderRightStyle !== 'none'
    return { open, chevron: drawn ? 'drawn' : 'missing', turn: before.transform, height: box.height, width: box.width }
  })
}

async function checkDisclosure(page: Page, toggle: Locator, name: string) {
  const closed = await facts(toggle)
  expect(closed, name).toMatchObject({ open: false, chevron: 'drawn' })
  expect(closed.height, name).toBeGreaterThanOrEqual(44)
  expect(closed.width, name).toBeGreaterThanOrEqual(44)
  await toggle.tap()
  await page.waitForTimeout(250)
  const opened = await facts(toggle)
  expect(opened, name).toMatchObject({ open: true, chevron: 'drawn' })
  // The chevron turns with the state.
  expect(opened.turn, name).not.toBe(closed.turn)
  await screenshot(page, `disclosure-${name}-open`)
  await toggle.tap()
  await page.waitForTimeout(250)
  expect((await facts(toggle)).open, name).toBe(false)
}

/** Every fold-out on the page is one of ours: a <details class="disclosure"> or a button with aria-expanded. */
function strayFoldOuts(page: Page): Promise<string[]> {
  return page.evaluate(() => [
    ...[...document.querySelectorAll('details:not(.disclosure)')].map((d) => `details: ${d.textContent?.trim().slice(0, 30)}`),
    ...[...document.querySelectorAll<HTMLElement>('[aria-expanded]')]
      .filter((b) => b.getBoundingClientRect().height < 44)
      .map((b) => `small toggle: ${b.textContent?.trim().slice(0, 30)}`),
  ])
}

describe('disclosures', () => {
  it('"Filtres" in Browse and "Source" on the answer show a turning chevron, their state and a 44 px target', async () => {
    const context = await browser.newContext({ viewport: { width: 360, height: 740 }, locale: 'fr-FR', hasTouch: true, isMobile: true })
    const page = await context.newPage()

    await page.goto(`${BASE_URL}/browse`)
    await page.locator('[data-test="search"]').waitFor()
    await checkDisclosure(page, page.locator('[data-test="filters"] summary'), 'browse-filters')
    expect(await strayFoldOuts(page)).toEqual([])

    await page.goto(`${BASE_URL}/review`)
    const show = page.locator('[data-test="show-answer"]')
    await show.waitFor()
    // Past the answer guard of a card just shown.
    await page.waitForTimeout(700)
    await show.tap()
    await page.locator('[data-grade="3"]').waitFor()
    const source = page.locator('.source summary')
    await source.scrollIntoViewIfNeeded()
    await checkDisclosure(page, source, 'review-source')
    expect(await strayFoldOuts(page)).toEqual([])
    await context.close()
  })
})
