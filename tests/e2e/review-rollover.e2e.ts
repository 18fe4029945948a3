// A session open across the study day's rollover (04:00 in Paris): learning cards stay in it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { BASE_URL, launchBrowser, readStore } from './browser'

interface ScheduleRow {
  cardId: string
  state: number
  due: number
}

const TIME_ZONE = 'Europe/Paris'
// 03:55 in Paris on a winter day (UTC+1): five minutes before the study day's rollover.
const START_MS = Date.parse('2026-11-27T02:55:00Z')
const ROLLOVER_MS = Date.parse('2026-11-27T03:00:00Z')
const LEARNING = 1

let browser: Browser

beforeAll(async () => {
  browser = await launchBrowser()
})
afterAll(async () => {
  await browser?.close()
})

async function phoneAt(timeMs: number): Promise<{ context: BrowserContext; page: Page; errors: string[] }> {
  const context = await browser.newContext({
    viewport: { width: 360, height: 740 },
    locale: 'fr-FR',
    timezoneId: TIME_ZONE,
    hasTouch: true,
    isMobile: true,
  })
  // The page's clock starts at `timeMs` and runs on from there; fastForward jumps it.
  await context.clock.install({ time: timeMs })
  const page = await context.newPage()
  const errors: string[] = []
  page.on('pageerror', (e) => errors.push(e.message))
  return { context, page, errors }
}

async function counts(page: Page, selector: string) {
  const [n, l, r] = (await page.locator(`${selector} .count__n`).allInnerTexts()).map(Number)
  return { new: n, learning: l, review: r }
}

const onScreen = (page: Page) => page.locator('article.card').getAttribute('data-card-id')

/** Shows the answer of the card on screen and taps a grade; resolves once the next screen is up. */
async function answer(page: Page, grade: 1 | 3): Promise<string> {
  await page.locator('[data-test="show-answer"]').tap()
  const cardId = (await onScreen(page))!
  await page.locator(`[data-grade="${grade}"]`).tap()
  await page.waitForFunction(
    (id) =>
      document.querySelector('[data-test="wait"], #summary-title') !== null ||
      (document.querySelector('[data-test="show-answer"]') !== null && document.querySelector('article.card')?.getAttribute('data-card-id') !== id),
    cardId,
  )
  return cardId
}

async function schedule(page: Page, cardId: string): Promise<ScheduleRow> {
  return (await readStore<ScheduleRow>(page, 'schedules')).find((s) => s.cardId === cardId)!
}

/** Moves the page's clock on to an instant (its timers due by then fire), however slow the run so far. */
async function forwardTo(page: Page, timeMs: number) {
  const pageNow = await page.evaluate(() => Date.now())
  expect(timeMs).toBeGreaterThan(pageNow)
  await page.clock.fastForward(Math.ceil(timeMs - pageNow))
}

describe('learning cards across the rollover', () => {
  it('come back in the same session at 03:55 and after the clock passes 04:00, with the counts right', async () => {
    const { context, page, errors } = await phoneAt(START_MS)
    await page.goto(`${BASE_URL}/`)
    await page.locator('[data-test="total-counts"]').waitFor()
    // The instant is 03:55 on the page's own wall clock.
    expect(await page.evaluate(() => [new Date().getHours(), new Date().getMinutes()])).toEqual([3, 55])
    expect(await counts(page, '[data-test="total-counts"]')).toEqual({ new: 20, learning: 0, review: 0 })

    await page.locator('[data-test="study-all"]').tap()
    const a = await answer(page, 3) // Good: due in 10 min, 04:05, past the rollover
    const b = await answer(page, 1) // Again: due in 1 min, 03:56
    const c = await answer(page, 3) // Good: 04:05
    expect((await schedule(page, a)).due).toBeGreaterThan(ROLLOVER_MS)
    expect((await schedule(page, b)).due).toBeLessThan(ROLLOVER_MS)
    expect(await counts(page, '.review__bar')).toEqual({ new: 17, learning: 3, review: 0 })

    // 03:56: the failed card is due, and comes before the next new card.
    await forwardTo(page, (await schedule(page, b)).due + 1000)
    const d = await answer(page, 3) // the new card that was on screen: 04:06
    expect(await onScreen(page)).toBe(b)
    expect(await counts(page, '.review__bar')).toEqual({ new: 16, learning: 4, review: 0 })
    expect(await answer(page, 3)).toBe(b) // Good: 04:06
    expect(await counts(page, '.review__bar')).toEqual({ new: 16, learning: 4, review: 0 })
    const e = (await onScreen(page))!

    // The session stays open past 04:00: the learner is still on card e at 04:05, when a and c are due
    // (b and d, answered a minute later, are not yet).
    const rolledMs = Math.max((await schedule(page, a)).due, (await schedule(page, c)).due) + 1000
    expect(Math.min((await schedule(page, b)).due, (await schedule(page, d)).due)).toBeGreaterThan(rolledMs + 30_000)
    await forwardTo(page, rolledMs)
    expect(await page.evaluate(() => [new Date().getHours(), new Date().getMinutes()])).toEqual([4, 5])
    expect(await answer(page, 3)).toBe(e)
    // A new study day: its new-card limit (one already introduced, e), and every learning card.
    // a and c fell due at 04:05 and come first, soonest first.
    expect(await counts(page, '.review__bar')).toEqual({ new: 19, learning: 5, review: 0 })
    expect(await onScreen(page)).toBe(a)
    expect(await answer(page, 3)).toBe(a) // graduates to review
    expect(await onScreen(page)).toBe(c)
    expect(await counts(page, '.review__bar')).toEqual({ new: 19, learning: 4, review: 0 })
    expect(await answer(page, 3)).toBe(c)
    expect(await counts(page, '.review__bar')).toEqual({ new: 19, learning: 3, review: 0 })

    // The screen agrees with a fresh look at the same instant.
    const rows = await readStore<ScheduleRow>(page, 'schedules')
    expect(rows.filter((s) => s.state === LEARNING).map((s) => s.cardId).sort()).toEqual([b, d, e].sort())
    const home = await context.newPage()
    await home.goto(`${BASE_URL}/`)
    await home.locator('[data-test="total-counts"]').waitFor()
    expect(await counts(home, '[data-test="total-counts"]')).toEqual({ new: 19, learning: 3, review: 0 })

    expect(errors).toEqual([])
    await context.close()
  })

  it('waits for the learning cards at 03:55 instead of ending, and shows them after 04:00', async () => {
    const { context, page, errors } = await phoneAt(START_MS)
    await page.goto(`${BASE_URL}/`)
    await page.locator('[data-test="total-counts"]').waitFor()
    await page.evaluate(
      () =>
        new Promise<void>((resolve, reject) => {
          // Two new cards a day, written as the settings screen writes them, before the app reads them.
          const open = indexedDB.open('pm-cards')
          open.onerror = () => reject(open.error)
          open.onsuccess = () => {
            const db = open.result
            const tx = db.transaction('settings', 'readwrite')
            const store = tx.objectStore('settings')
            const read = store.get('settings')
            read.onsuccess = () => store.put({ key: 'settings', value: { ...read.result?.value, newPerDay: 2 } })
            tx.oncomplete = () => {
              db.close()
              resolve()
            }
            tx.onerror = () => reject(tx.error)
          }
        }),
    )
    await page.goto(`${BASE_URL}/`)
    await page.locator('[data-test="total-counts"]').waitFor()
    expect(await counts(page, '[data-test="total-counts"]')).toEqual({ new: 2, learning: 0, review: 0 })
    await page.locator('[data-test="study-all"]').tap()
    const a = await answer(page, 3)
    const b = await answer(page, 3)
    // Both are due at 04:05, after today: the session waits for them rather than ending. (The wait
    // screen comes once the second answer is taken: waited for, not read at once, which failed on
    // a loaded machine.)
    await page.locator('[data-test="wait"]').waitFor()
    await expect.poll(() => counts(page, '.review__bar')).toEqual({ new: 0, learning: 2, review: 0 })

    // Both answers written (the wait screen comes before the second one's write commits), so that
    // their due times are read from what the app saved.
    await expect.poll(async () => [(await schedule(page, a)).state, (await schedule(page, b)).state]).toEqual([LEARNING, LEARNING])

    // The wait screen's timer fires at 04:05, in the new day: its two new cards join them.
    const dues = [(await schedule(page, a)).due, (await schedule(page, b)).due]
    await forwardTo(page, Math.max(...dues) + 1000)
    await page.locator('[data-test="show-answer"]').waitFor()
    // (An intermittent failure showed the new day's first new card here: what the page saw, if so.)
    const seen = await onScreen(page)
    if (seen !== a) {
      const at = await page.evaluate(() => new Date().toISOString())
      const rows = (await readStore<ScheduleRow>(page, 'schedules')).filter((s) => s.state !== 0)
      console.error('rollover: on screen', seen, 'at', at, 'dues read', dues.map((d) => new Date(d).toISOString()), 'rows', JSON.stringify(rows))
    }
    expect(seen).toBe(a)
    expect(await counts(page, '.review__bar')).toEqual({ new: 2, learning: 2, review: 0 })
    expect(await answer(page, 3)).toBe(a)
    expect(await onScreen(page)).toBe(b)
    expect(await counts(page, '.review__bar')).toEqual({ new: 2, learning: 1, review: 0 })

    expect(errors).toEqual([])
    await context.close()
  })
})
