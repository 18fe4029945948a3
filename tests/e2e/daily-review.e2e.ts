// A learner's first day: home shows what is due, a session with the keyboard, reload, undo.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { BASE_URL, launchBrowser, readStore, screenshot, untilReady } from './browser'

interface ScheduleRow {
  cardId: string
  state: number
  due: number
  stability: number
  difficulty: number
  reps: number
  lapses: number
  learningSteps: number
  scheduledDays: number
  elapsedDays: number
  lastReview: number | null
  version: number
}
interface ReviewRow {
  id: string
  cardId: string
  grade: number
  durationMs: number
  before: ScheduleRow
}

let browser: Browser

beforeAll(async () => {
  browser = await launchBrowser()
})
afterAll(async () => {
  await browser?.close()
})

// Noon in Paris, far from the 04:00 rollover: the tests do not depend on when they run (a learning
// card answered at 03:55 is due after the rollover; tests/e2e/review-rollover.e2e.ts covers that).
const NOON_MS = Date.parse('2026-11-26T11:00:00Z')

/**
 * A fresh browser context whose clock starts at noon in Paris and runs on from there. Playwright's
 * clock swaps `performance` for a fake whose marks and measures do nothing; the measures the app
 * takes (read below) go to the browser's own, with the fake's `now()`.
 */
async function contextAtNoon(viewport: { width: number; height: number }): Promise<BrowserContext> {
  const context = await browser.newContext({ viewport, locale: 'fr-FR', timezoneId: 'Europe/Paris' })
  await context.addInitScript(() => {
    ;(window as unknown as { nativePerformance: Performance }).nativePerformance = performance
  })
  await context.clock.install({ time: NOON_MS })
  await context.addInitScript(() => {
    const native = (window as unknown as { nativePerformance?: Performance }).nativePerformance
    if (!native || native === performance) return
    for (const name of ['mark', 'measure', 'getEntries', 'getEntriesByName', 'getEntriesByType'] as const) {
      Object.assign(performance, { [name]: native[name].bind(native) })
    }
  })
  return context
}

async function counts(page: Page, selector: string) {
  const text = await page.locator(`${selector} .count__n`).allInnerTexts()
  const [n, l, r] = text.map(Number)
  return { new: n, learning: l, review: r }
}

async function openHome(page: Page) {
  await page.goto(`${BASE_URL}/`)
  await page.locator('[data-test="total-counts"]').waitFor()
}

const memory = (s: ScheduleRow) => {
  const { version: _v, ...rest } = s
  return rest
}

describe('daily review', () => {
  it('studies five cards with the keyboard, keeps them across a reload, and undoes exactly', async () => {
    const context = await contextAtNoon({ width: 360, height: 740 })
    const page = await context.newPage()
    const errors: string[] = []
    page.on('pageerror', (e) => errors.push(e.message))

    await openHome(page)
    const before = await counts(page, '[data-test="total-counts"]')
    // More than 20 built-in cards: the default daily limit of new cards applies.
    expect(before).toEqual({ new: 20, learning: 0, review: 0 })
    await screenshot(page, 'home')

    await page.locator('[data-test="study-all"]').click()
    await page.locator('[data-test="show-answer"]').waitFor()
    await screenshot(page, 'review-front')

    const grades = ['3', '1', '3', '3', '4']
    for (const [i, key] of grades.entries()) {
      await page.locator('[data-test="show-answer"]').waitFor()
      // Focus follows the flow (moved once the screen is painted): the card, then its answer.
      await page.waitForFunction(() => document.activeElement?.classList.contains('review__stage'))
      await untilReady(page)
      await page.keyboard.press(i % 2 === 0 ? 'Space' : 'Enter')
      await page.locator('[data-grade="3"]').waitFor()
      await page.waitForFunction(() => document.activeElement?.getAttribute('data-test') === 'back')
      if (i === 0) {
        await screenshot(page, 'review-back')
        // The grade buttons name their interval for screen readers.
        await expect(page.locator('[data-grade="1"]').getAttribute('aria-label')).resolves.toMatch(/À revoir, prochaine révision dans <1\u00a0min/)
        await expect(page.locator('[data-grade="3"]').getAttribute('aria-label')).resolves.toMatch(/Correct, prochaine révision dans <10\u00a0min/)
        // The grade lets go of the focus while the answer is still on screen: removing the focused
        // element would cost a style pass in the middle of the update (see releaseFocus).
        // (Chromium also moves the focus out of an element it removes, but by then Vue has already
        // put the next card's question in.)
        await page.evaluate(() => {
          const back = document.querySelector('[data-test="back"]')!
          const front = () => document.querySelector('[data-test="front"]')?.textContent
          const shown = front()
          back.addEventListener('focusout', () => ((window as unknown as { leftWhileShown: boolean }).leftWhileShown = front() === shown), { once: true })
        })
      }
      await untilReady(page)
      await page.keyboard.press(key)
      await page.waitForFunction((n) => document.querySelectorAll('[data-test="show-answer"]').length === 1 || n < 0, i)
      if (i === 0) expect(await page.evaluate(() => (window as unknown as { leftWhileShown?: boolean }).leftWhileShown)).toBe(true)
    }
    // Good/Again on new cards leave them in learning; Easy graduates one to review.
    const during = await counts(page, '.review__bar')
    expect(during).toEqual({ new: 15, learning: 4, review: 0 })

    const reviews = await readStore<ReviewRow>(page, 'reviews')
    expect(reviews.map((r) => r.grade).sort()).toEqual([1, 3, 3, 3, 4])
    expect(reviews.every((r) => r.durationMs >= 0 && r.before.state === 0)).toBe(true)
    const measured = await page.evaluate(() => performance.getEntriesByName('answer-transaction').map((e) => e.duration))
    expect(measured.length).toBe(5)
    console.log(`answer transaction (ms): ${measured.map((d) => d.toFixed(1)).join(', ')}`)

    // Close the tab, come back: the answers are kept.
    await page.reload()
    await openHome(page)
    expect(await counts(page, '[data-test="total-counts"]')).toEqual({ new: 15, learning: 4, review: 0 })
    expect(await readStore<ReviewRow>(page, 'reviews')).toHaveLength(5)

    // Undo restores the exact previous state.
    await page.locator('[data-test="study-all"]').click()
    await page.locator('[data-test="show-answer"]').waitFor()
    const cardId = await page.locator('article.card').getAttribute('data-card-id')
    const snapshot = (await readStore<ScheduleRow>(page, 'schedules')).find((s) => s.cardId === cardId)!
    await untilReady(page)
    await page.keyboard.press('Space')
    await page.locator('[data-grade="2"]').waitFor()
    await untilReady(page)
    await page.keyboard.press('2')
    await page.waitForFunction(() => document.querySelectorAll('[data-test="show-answer"], [data-test="wait"]').length === 1)
    expect(await readStore<ReviewRow>(page, 'reviews')).toHaveLength(6)
    const changed = (await readStore<ScheduleRow>(page, 'schedules')).find((s) => s.cardId === cardId)!
    expect(memory(changed)).not.toEqual(memory(snapshot))

    await page.keyboard.press('u')
    await page.locator(`article.card[data-card-id="${cardId}"]`).waitFor()
    const restored = (await readStore<ScheduleRow>(page, 'schedules')).find((s) => s.cardId === cardId)!
    expect(memory(restored)).toEqual(memory(snapshot))
    expect(await readStore<ReviewRow>(page, 'reviews')).toHaveLength(5)
    await expect(page.locator('[data-test="notice"]').innerText()).resolves.toMatch(/annulée/)

    expect(errors).toEqual([])
    await context.close()
  })

  it('refuses a grade on a card another tab answered, with a notice, writing nothing twice', async () => {
    const context = await contextAtNoon({ width: 360, height: 740 })
    const tabA = await context.newPage()
    const tabB = await context.newPage()
    for (const tab of [tabA, tabB]) {
      await tab.goto(`${BASE_URL}/review/pm-role`)
      await tab.locator('[data-test="show-answer"]').waitFor()
    }
    const cardId = await tabA.locator('article.card').getAttribute('data-card-id')
    expect(await tabB.locator('article.card').getAttribute('data-card-id')).toBe(cardId)
    await tabA.locator('[data-test="show-answer"]').click()
    await tabA.locator('[data-grade="3"]').click()
    await tabA.waitForFunction((id) => document.querySelector('article.card')?.getAttribute('data-card-id') !== id, cardId)

    // Tab A's answer is written (the next card shows before its commit).
    await expect.poll(async () => (await readStore<ReviewRow>(tabA, 'reviews')).map((r) => r.cardId)).toEqual([cardId])
    const rowFromA = (await readStore<ScheduleRow>(tabA, 'schedules')).find((s) => s.cardId === cardId)
    expect(rowFromA?.version).toBeGreaterThan(1)

    await tabB.locator('[data-test="show-answer"]').click()
    await tabB.locator('[data-grade="1"]').click()
    await expect(tabB.locator('[data-test="notice"]').innerText()).resolves.toMatch(/modifiée ailleurs/)
    const reviews = await readStore<ReviewRow>(tabB, 'reviews')
    expect(reviews.filter((r) => r.cardId === cardId).map((r) => r.grade)).toEqual([3])
    // Tab B's answer was taken back whole: the row is tab A's, as tab A wrote it.
    expect((await readStore<ScheduleRow>(tabB, 'schedules')).find((s) => s.cardId === cardId)).toEqual(rowFromA)
    // The queue was refreshed: the card answered in tab A is not shown again in tab B.
    await tabB.locator('[data-test="show-answer"]').waitFor()
    expect(await tabB.locator('article.card').getAttribute('data-card-id')).not.toBe(cardId)
    await context.close()
  })

  it('ends the session with a summary and the next due card, at phone and desktop sizes', async () => {
    for (const viewport of [{ width: 360, height: 740 }, { width: 1280, height: 800 }]) {
      const context = await contextAtNoon(viewport)
      const page = await context.newPage()
      // A small daily limit, set through the settings screen.
      await page.goto(`${BASE_URL}/settings`)
      const input = page.locator('#new-per-day')
      await input.waitFor()
      expect(await input.inputValue()).toBe('20')
      await input.fill('2')
      await input.press('Tab')
      await page.waitForFunction(() =>
        [...document.querySelectorAll('[role="status"]')].some((e) => e.textContent?.includes('Réglages enregistrés')),
      )
      if (viewport.width === 360) await screenshot(page, 'settings')

      await openHome(page)
      expect(await counts(page, '[data-test="total-counts"]')).toEqual({ new: 2, learning: 0, review: 0 })
      if (viewport.width > 360) await screenshot(page, 'home')
      await page.locator('[data-test="study-all"]').click()
      for (let i = 0; i < 2; i++) {
        if (viewport.width > 360 && i === 0) {
          // On a wide screen the foot's button is centred, as the grade bar and the card are.
          const button = (await page.locator('[data-test="show-answer"]').boundingBox())!
          expect(Math.abs(button.x + button.width / 2 - viewport.width / 2)).toBeLessThan(2)
        }
        await page.locator('[data-test="show-answer"]').click()
        if (viewport.width > 360 && i === 0) {
          await page.locator('[data-grade="4"]').waitFor()
          await screenshot(page, 'review-back')
        }
        await page.locator('[data-grade="4"]').click()
      }
      await page.locator('#summary-title').waitFor()
      // The end screen loads apart and takes the focus itself.
      await page.waitForFunction(() => document.activeElement?.id === 'summary-title')
      await expect(page.locator('[data-test="answered"]').innerText()).resolves.toBe('2 cartes révisées')
      await expect(page.locator('[data-test="next-due"]').innerText()).resolves.toMatch(/Prochaine carte\s:\sle /)
      await screenshot(page, 'end')
      await context.close()
    }
  })
})
