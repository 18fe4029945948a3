// The README's screenshots (docs/screenshots/), taken from the production build as a learner sees it:
// 45 days of study simulated on the built-in decks, an interview in three weeks. Run with
// `npm run docs:screenshots`; not part of `npm test` (it writes into the repository).
import { mkdirSync } from 'node:fs'
import { resolve } from 'node:path'
import { afterAll, beforeAll, expect, it } from 'vitest'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { BASE_URL, launchBrowser, readStore, untilDecksWritten, untilReady, writeRows } from '../e2e/browser'
import { simulateLearner } from '../bench/generate-data'
import type { ScheduleRow } from '../../src/db/database'

const OUT = resolve(import.meta.dirname, '../../docs/screenshots')
const DAY = 86_400_000
// A Thursday in Paris: before the morning's study, and that evening.
const MORNING = Date.parse('2026-12-03T06:30:00Z')
const EVENING = Date.parse('2026-12-03T18:30:00Z')
const PHONE = { width: 360, height: 740 }
const DESKTOP = { width: 1280, height: 800 }

let browser: Browser
beforeAll(async () => {
  browser = await launchBrowser()
  mkdirSync(OUT, { recursive: true })
})
afterAll(async () => {
  await browser?.close()
})

async function learner(viewport: { width: number; height: number }, nowMs: number): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport, locale: 'fr-FR', timezoneId: 'Europe/Paris', colorScheme: 'light', deviceScaleFactor: 2 })
  await context.clock.install({ time: nowMs })
  const page = await context.newPage()
  await page.goto(`${BASE_URL}/`)
  await page.locator('[data-test="total-counts"]').waitFor()
  // Home shows a first visit from the build's manifest while the decks are written.
  await untilDecksWritten(page)
  // 40 mornings of study on the built-in decks (the last one is today's, if the clock is past it),
  // 3 new cards a day; an interview in three weeks; a backup made last week.
  const schedules = (await readStore<ScheduleRow>(page, 'schedules')).sort((a, b) => a.deckId.localeCompare(b.deckId) || a.position - b.position)
  const midnight = Date.parse('2026-12-02T23:00:00Z')
  const days = nowMs > midnight + 10 * 3_600_000 ? 40 : 39
  const reviews = simulateLearner(schedules, { days, newPerDay: 3, start: midnight - 39 * DAY, seed: 7 })
  await writeRows(page, 'schedules', schedules)
  await writeRows(page, 'reviews', reviews)
  await writeRows(page, 'meta', [
    { key: 'interviewDate', value: midnight + 21 * DAY + 10 * 3_600_000 },
    { key: 'lastBackupAt', value: nowMs - 6 * DAY },
  ])
  await page.reload()
  await page.locator('[data-test="total-counts"]').waitFor()
  return { context, page }
}

const shot = (page: Page, name: string) => page.screenshot({ path: resolve(OUT, `${name}.png`) })

it('takes the README screenshots', async () => {
  const { context, page } = await learner(PHONE, MORNING)
  await shot(page, 'home-phone')

  // A choice card, answered.
  await page.goto(`${BASE_URL}/review`)
  for (let i = 0; i < 40; i++) {
    await page.locator('article.card').waitFor()
    await untilReady(page)
    if ((await page.locator('article.card').getAttribute('data-kind')) === 'choice') break
    await page.keyboard.press('Space')
    await untilReady(page)
    await page.keyboard.press('3')
  }
  await page.locator('.option').nth(1).click()
  await page.locator('[data-grade="3"]').waitFor()
  await page.waitForTimeout(400)
  await shot(page, 'review-phone')

  // A mock interview's answer, key points ticked.
  await page.goto(`${BASE_URL}/interview`)
  await page.locator('[data-size="5"]').check()
  await page.locator('[data-mode="practice"]').check()
  await page.locator('[data-test="start-mock"]').click()
  await page.locator('[data-test="reveal"]').click()
  await page.locator('.mock[data-phase="answer"]').waitFor()
  await page.locator('.kpoint').first().click()
  await page.waitForTimeout(400)
  await shot(page, 'interview-phone')
  await context.close()

  const desktop = await learner(DESKTOP, EVENING)
  await desktop.page.goto(`${BASE_URL}/stats`)
  await desktop.page.locator('main.stats[data-state="ready"]').waitFor()
  await desktop.page.locator('figure[data-drawn="true"]').first().waitFor()
  await desktop.page.waitForTimeout(800)
  await shot(desktop.page, 'stats-desktop')
  expect(await desktop.page.locator('canvas').count()).toBeGreaterThan(0)
  await desktop.context.close()
}, 180_000)
