// axe-core on every route and state a learner sees, in light and dark themes: zero violations.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser, Page } from 'playwright-core'
import { screenViolations } from './accessibility'
import { BASE_URL, launchBrowser, screenshot, untilReady } from './browser'

let browser: Browser
beforeAll(async () => {
  browser = await launchBrowser()
})
afterAll(async () => {
  await browser?.close()
})

const violations = screenViolations

const waitQuestion = (page: Page) =>
  page.waitForFunction(() => document.querySelector('article.card') && !document.querySelector('.grade'))

describe('accessibility', () => {
  for (const colorScheme of ['light', 'dark'] as const) {
    it(`has no axe violation on any screen (${colorScheme})`, async () => {
      const context = await browser.newContext({ viewport: { width: 360, height: 740 }, locale: 'fr-FR', colorScheme })
      const page = await context.newPage()
      const found: string[] = []

      await page.goto(`${BASE_URL}/`)
      await page.locator('[data-test="total-counts"]').waitFor()
      found.push(...(await violations(page, 'home')))
      if (colorScheme === 'dark') await screenshot(page, 'home-dark')

      await page.goto(`${BASE_URL}/settings`)
      await page.locator('[data-test="settings-form"]').waitFor()
      found.push(...(await violations(page, 'settings')))

      // Review: every kind, front and back.
      await page.goto(`${BASE_URL}/review/pm-role`)
      const seen = new Set<string>()
      for (let i = 0; i < 30 && seen.size < 4; i++) {
        await waitQuestion(page)
        const kind = (await page.locator('article.card').getAttribute('data-kind'))!
        const fresh = !seen.has(kind)
        seen.add(kind)
        if (fresh) found.push(...(await violations(page, `review ${kind} front`)))
        if (fresh && colorScheme === 'dark') await screenshot(page, `review-${kind}-front-dark`)
        await untilReady(page)
        await page.keyboard.press(kind === 'choice' ? '2' : 'Space')
        await page.locator('[data-grade="3"]').waitFor()
        if (fresh) {
          if (kind === 'interview') await page.locator('input[data-point]').first().check()
          await page.locator('.source summary').click()
          await page.locator('.source__title').waitFor()
          found.push(...(await violations(page, `review ${kind} back`)))
          if (colorScheme === 'dark') await screenshot(page, `review-${kind}-back-dark`)
        }
        await untilReady(page)
        await page.keyboard.press('4')
      }
      expect([...seen].sort()).toEqual(['basic', 'choice', 'cloze', 'interview'])

      // End of session: a limit of zero new cards left for the day.
      await page.goto(`${BASE_URL}/settings`)
      await page.locator('#new-per-day').fill('0')
      await page.locator('#new-per-day').press('Tab')
      await page.waitForFunction(() => [...document.querySelectorAll('[role="status"]')].some((e) => e.textContent?.includes('enregistrés')))
      await page.goto(`${BASE_URL}/review`)
      await page.locator('#summary-title').waitFor()
      found.push(...(await violations(page, 'end')))

      expect(found).toEqual([])
      await context.close()
    })
  }
})
