// The FSRS optimiser in Chromium: weights fitted in a worker on a generated history, kept only when
// better, applied, rescheduled, taken back; offline after its first use; the year simulated.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { default_w } from 'ts-fsrs'
import { generateData } from '../bench/generate-data'
import { DEFAULT_SETTINGS } from '../../src/domain/settings'
import { BASE_URL, launchBrowser, readStore, screenshot, writeRows } from './browser'

/** The meta row of the interview date (src/db/interview-repository.ts). */
const INTERVIEW_DATE_KEY = 'interviewDate'

let browser: Browser
beforeAll(async () => {
  browser = await launchBrowser()
})
afterAll(async () => {
  await browser?.close()
})

/** The app under its service worker, with a generated history of `cards` cards over `days` days. */
async function appWithHistory(context: BrowserContext, cards: number, days: number): Promise<Page> {
  const page = await context.newPage()
  await page.goto(`${BASE_URL}/`)
  await page.evaluate(() => navigator.serviceWorker.ready)
  await page.locator('[data-test="total-counts"]').waitFor()
  // The same history whatever the hour the test runs: it ends at noon UTC the day before yesterday
  // (a history ending "now minus a day" fell differently on study days from one hour to the next,
  // and at some hours the fit on these 600 cards was not better than the defaults).
  const DAY = 86_400_000
  const endMs = (Math.floor(Date.now() / DAY) - 2) * DAY + 12 * 3_600_000
  const data = generateData({ cards, days, newPerDay: Math.ceil(cards / (days * 0.8)), endMs, seed: 7 })
  await writeRows(page, 'decks', [data.deck])
  await writeRows(page, 'cards', data.cards)
  await writeRows(page, 'schedules', data.schedules)
  await writeRows(page, 'reviews', data.reviews)
  await page.reload()
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null)
  return page
}

const settingsRow = async (page: Page) => (await readStore<{ key: string; value: typeof DEFAULT_SETTINGS }>(page, 'settings')).find((r) => r.key === 'settings')?.value

describe('FSRS optimiser', () => {
  it('fits weights off the main thread, keeps them only when better, reschedules, goes back, and works offline after one use', async () => {
    // UTC: no DST shift moves the history's study days from one season to the next.
    const context = await browser.newContext({ viewport: { width: 360, height: 740 }, locale: 'fr-FR', timezoneId: 'UTC' })
    const page = await appWithHistory(context, 600, 150)
    await page.goto(`${BASE_URL}/settings`)
    await page.locator('[data-test="weights-in-use"]').waitFor()
    expect(await page.locator('[data-test="weights-in-use"]').textContent()).toContain('par défaut')

    await page.locator('[data-test="optimise"]').click()
    await page.locator('[data-test="fit-table"]').waitFor({ timeout: 120_000 })
    await page.locator('[data-test="optimizer-result"]').scrollIntoViewIfNeeded()
    await screenshot(page, 'optimizer-result')
    const current = Number((await page.locator('[data-test="loss-current"]').textContent())!.replace(',', '.'))
    const fitted = Number((await page.locator('[data-test="loss-fitted"]').textContent())!.replace(',', '.'))
    expect(fitted).toBeLessThan(current)
    await page.locator('[data-test="better"]').waitFor()

    await page.locator('[data-test="apply"]').click()
    await page.locator('[data-test="applied"]').waitFor()
    const weights = (await settingsRow(page))!.fsrsWeights!
    expect(weights).toHaveLength(21)
    expect(weights.every(Number.isFinite)).toBe(true)
    expect(weights).not.toEqual(default_w)

    // Rescheduling replays every studied card with the new weights; the log is left as it was.
    const reviewsBefore = (await readStore(page, 'reviews')).length
    await page.locator('[data-test="reschedule"]').click()
    await page.locator('[data-test="rescheduled"]').waitFor({ timeout: 60_000 })
    expect(Number((await page.locator('[data-test="rescheduled"]').textContent())!.replace(/\D/g, ''))).toBeGreaterThan(0)
    expect((await readStore(page, 'reviews')).length).toBe(reviewsBefore)

    // Offline, the WebAssembly cached on first use serves a second run.
    await context.setOffline(true)
    await page.reload()
    await page.locator('[data-test="optimise"]').click()
    await page.locator('[data-test="fit-table"]').waitFor({ timeout: 120_000 })
    expect(await page.locator('[data-test="optimizer-error"]').count()).toBe(0)

    await page.locator('[data-test="simulate"]').click()
    await page.locator('[data-test="retention-chart"] canvas').waitFor({ timeout: 120_000 })
    expect(await page.locator('[data-test="suggestion"]').textContent()).toMatch(/viser \d+\s?%/)
    await page.locator('[data-test="retention-chart"]').evaluate((e) => e.scrollIntoView({ block: 'center' }))
    await screenshot(page, 'optimizer-retention')
    await context.setOffline(false)

    await page.locator('[data-test="revert"]').click()
    await page.locator('[data-test="applied"]').waitFor({ state: 'detached' })
    expect((await settingsRow(page))!.fsrsWeights).toBeNull()
    await context.close()
  }, 300_000)

  it('says how many more reviews are needed with too little history, and prices a higher retention until the interview', async () => {
    const context = await browser.newContext({ viewport: { width: 360, height: 740 }, locale: 'fr-FR', timezoneId: 'Europe/Paris' })
    const page = await appWithHistory(context, 30, 20)
    await writeRows(page, 'meta', [{ key: INTERVIEW_DATE_KEY, value: Date.now() + 12 * 86_400_000 }])
    await page.goto(`${BASE_URL}/settings`)
    await page.locator('[data-test="optimise"]').click()
    await page.locator('[data-test="too-little"]').waitFor({ timeout: 60_000 })
    expect(await page.locator('[data-test="too-little"]').textContent()).toMatch(/Il faut encore \d+ révisions/)
    expect((await settingsRow(page))?.fsrsWeights ?? null).toBeNull()

    await page.locator('[data-test="simulate"]').click()
    await page.locator('[data-test="interview-offer"]').waitFor({ timeout: 60_000 })
    expect(await page.locator('[data-test="interview-offer"]').textContent()).toMatch(/viser 95\s?% sur les paquets d’entretien coûterait [\d,]+ révisions de plus par jour/)
    await page.locator('[data-test="interview-start"]').click()
    await page.locator('[data-test="interview-active"]').waitFor()
    const boost = (await settingsRow(page))!.interviewRetention!
    expect(boost.desiredRetention).toBe(0.95)
    expect(boost.deckIds).toContain('interview')
    expect(boost.untilMs).toBeGreaterThan(Date.now())
    await context.close()
  }, 120_000)
})
