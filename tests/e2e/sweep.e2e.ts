// Every route and state a learner reaches, at phone (360x740) and desktop (1280x800) size, light and
// dark, in French and English: no axe violation, no horizontal scroll, no text cut by its box, no
// target under 44 px, no missing or raw message key, no plain space before ? ! : ; in French.
// One journey a language (a new learner, then one with a history); each state is checked at both
// sizes and in both themes without leaving it.
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

const SIZES = [
  { width: 360, height: 740 },
  { width: 1280, height: 800 },
] as const
const THEMES = ['light', 'dark'] as const

/** Nothing loading, fonts and two frames painted, resize observers run. */
async function settle(page: Page) {
  await page.waitForFunction(() => !document.querySelector('[aria-busy="true"]'))
  await page.evaluate(() => document.fonts.ready.then(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)))))
  await page.waitForTimeout(60)
}

describe('every screen at 360 and 1280 px, light and dark, French and English', () => {
  for (const locale of ['fr-FR', 'en-US'] as const) {
    it(`has nothing cut, overflowing, too small, untranslated or inaccessible (${locale})`, async () => {
      const french = locale === 'fr-FR'
      const context = await browser.newContext({ viewport: SIZES[0], locale, timezoneId: 'Europe/Paris' })
      const page = await context.newPage()
      const problems: string[] = []
      page.on('console', (m) => {
        if (m.type() === 'error' && /Missing message/.test(m.text())) problems.push(m.text())
      })
      page.on('pageerror', (e) => problems.push(`page error: ${e.message}`))
      const seen: string[] = []

      /**
       * Checks the state on screen at both sizes and in both themes (the dark theme for its colours),
       * then leaves it as it was. A problem seen in several variants is reported once, naming them.
       */
      async function check(state: string, ready?: () => Promise<unknown>) {
        if (ready) await ready()
        const where = new Map<string, string[]>()
        for (const size of SIZES) {
          await page.setViewportSize(size)
          for (const colorScheme of THEMES) {
            await page.emulateMedia({ colorScheme })
            await settle(page)
            const variant = `${size.width}px ${colorScheme}`
            for (const p of await screenViolations(page, state, { french, colorsOnly: colorScheme === 'dark' })) where.set(p, [...(where.get(p) ?? []), variant])
            if (locale === 'fr-FR' && colorScheme === 'light') await screenshot(page, `sweep-${state.replace(/\W+/g, '-')}`)
          }
        }
        for (const [p, variants] of where) problems.push(`${p} [${variants.join(', ')}]`)
        await page.setViewportSize(SIZES[0])
        await page.emulateMedia({ colorScheme: 'light' })
        seen.push(state)
      }
      const visit = async (path: string, state: string, ready: string) => {
        await page.goto(`${BASE_URL}${path}`)
        await check(state, () => page.locator(ready).first().waitFor())
      }

      // A new learner.
      await visit('/', 'home new', '[data-test="total-counts"]')
      await visit('/stats', 'stats empty', '[data-test="no-reviews"]')
      await visit('/browse', 'browse list', '.row__link')
      await visit('/cards/new', 'editor', 'main h1')
      await visit('/decks', 'decks', '#new-deck')

      // Review: every kind, front and back, in the deck that has them all.
      await page.goto(`${BASE_URL}/review/pm-role`)
      const kinds = new Set<string>()
      for (let i = 0; i < 30 && kinds.size < 4; i++) {
        await page.waitForFunction(() => document.querySelector('article.card') && !document.querySelector('.grade'))
        const kind = (await page.locator('article.card').getAttribute('data-kind'))!
        const fresh = !kinds.has(kind)
        kinds.add(kind)
        if (fresh) await check(`review ${kind} front`)
        await untilReady(page)
        await page.keyboard.press(kind === 'choice' ? '2' : 'Space')
        await page.locator('[data-grade="3"]').waitFor()
        if (fresh) {
          if (kind === 'interview') await page.locator('input[data-point]').first().check()
          await page.locator('.source summary').click()
          await check(`review ${kind} back`, () => page.locator('.source__title').waitFor())
        }
        await untilReady(page)
        // Easy: nothing comes back today, so the day's end is the limit screen.
        await page.keyboard.press('4')
      }
      expect([...kinds].sort()).toEqual(['basic', 'choice', 'cloze', 'interview'])
      await page.locator('[data-test="card-menu"]').click()
      await check('review card menu', () => page.locator('[data-test="card-menu-panel"]').waitFor())
      await page.keyboard.press('Escape')

      // A learner with a history.
      await visit('/', 'home studied', '[data-test="total-counts"]')
      await visit('/stats', 'stats', 'main.stats[data-state="ready"]')
      await visit('/browse', 'browse list studied', '.row__link')
      await page.locator('[data-test="filters"] summary').click()
      await check('browse filters')
      await page.locator('.row__link').first().click()
      await check('browse card detail', () => page.waitForURL(/\/browse\/card\//))
      await visit('/data', 'data', '[data-test="device"] [data-count="cards"]')
      await visit('/settings', 'settings', '[data-test="settings-form"]')

      // A mock interview: setup, a question, its answer, the summary.
      await visit('/interview', 'interview setup', '[data-test="start-mock"]')
      await page.locator('[data-size="5"]').check()
      await page.locator('[data-mode="practice"]').check()
      await page.locator('[data-test="start-mock"]').click()
      for (let i = 0; i < 5; i++) {
        await page.locator('.mock[data-phase="question"]').waitFor()
        if (i === 0) await check('interview question')
        await page.locator('[data-test="reveal"]').click()
        await page.locator('.mock[data-phase="answer"]').waitFor()
        if (i === 0) await check('interview answer')
        await page.locator('[data-grade="3"]').click()
      }
      await check('interview summary', () => page.locator('[data-test="mock-summary"]').waitFor())

      // The end of the day's new cards: the limit screen and its custom study.
      await page.goto(`${BASE_URL}/settings`)
      await page.locator('#new-per-day').fill('0')
      await page.locator('#new-per-day').press('Tab')
      await page.waitForFunction(() => [...document.querySelectorAll('[role="status"]')].some((e) => (e.textContent ?? '').trim().length > 0))
      await page.goto(`${BASE_URL}/review`)
      await check('review end and limits', () => page.locator('[data-test="limit-reached"]').waitFor())

      expect(problems).toEqual([])
      expect(seen.length).toBeGreaterThanOrEqual(22)
      await context.close()
    }, 600_000)
  }
})
