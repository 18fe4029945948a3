// The stats screen in Chromium on a simulated learner's history: the numbers shown are the domain's.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import type { ReviewRow, ScheduleRow } from '../../src/db/database'
import { createScheduler } from '../../src/domain/scheduling/scheduler'
import { DEFAULT_SETTINGS } from '../../src/domain/settings'
import { dailySeries, streaks, todaySummary } from '../../src/domain/stats/activity'
import { answerButtons } from '../../src/domain/stats/buttons'
import { deckMastery, forecastSummary, memorySummary, neverStudiedDecks, weakestDeck } from '../../src/domain/stats/card-figures'
import { cardTotalsOf, createCardAccumulator } from '../../src/domain/stats/card-totals'
import { heatmap } from '../../src/domain/stats/chart-data'
import { RETENTION_PERIODS, retentionTable } from '../../src/domain/stats/retention'
import { reviewDaysOf, type ReviewDays } from '../../src/domain/stats/review-days'
import { BUTTON_GROUPS } from '../../src/domain/stats/review-kind'
import { formatPercent } from '../../src/components/stats/stats-format'
import { answerLikeTheApp, newSchedules, simulateHistory } from '../fixtures/simulate-history'
import { screenViolations } from './accessibility'
import { BASE_URL, launchBrowser, readStore, screenshot, SCREENSHOT_DIR, untilDecksWritten, writeRows } from './browser'

const TIME_ZONE = 'Europe/Paris'
// 60 days ending on 31 March 2026: the history crosses the spring daylight-saving change.
const NOW = Date.parse('2026-03-31T21:30:00+02:00')
const dayClock = { rolloverHour: DEFAULT_SETTINGS.rolloverHour, timeZone: TIME_ZONE }
const scheduler = createScheduler(DEFAULT_SETTINGS, { fuzz: true })
const PHONE = { width: 360, height: 740 }
const DESKTOP = { width: 1280, height: 800 }

let browser: Browser
beforeAll(async () => {
  browser = await launchBrowser()
})
afterAll(async () => {
  await browser?.close()
})

/** A context in Paris; its clock is fixed at nowMs unless nowMs is null (timings need the real one). */
async function newContext(viewport: { width: number; height: number }, colorScheme: 'light' | 'dark' = 'light', nowMs: number | null = NOW) {
  const context = await browser.newContext({ viewport, locale: 'fr-FR', timezoneId: TIME_ZONE, colorScheme })
  if (nowMs !== null) await context.clock.setFixedTime(nowMs)
  return context
}

/** Opens the app once, so it creates its database and syncs the built-in decks. */
async function openApp(context: BrowserContext): Promise<Page> {
  const page = await context.newPage()
  await page.goto(`${BASE_URL}/`)
  await page.locator('[data-test="total-counts"]').waitFor()
  await untilDecksWritten(page)
  return page
}

async function openStats(page: Page, query = '') {
  await page.goto(`${BASE_URL}/stats${query}`)
  await page.locator('main.stats[data-state="ready"]').waitFor({ timeout: 120_000 })
}

/**
 * Charts and the calendar draw once near the screen (useNearScreen): scrolls a screen at a time, as
 * a learner would, until every one is drawn. Returns how many were not drawn at first.
 */
async function drawEverything(page: Page): Promise<number> {
  const pending = () => page.locator('[data-drawn="false"]').count()
  const atFirst = await pending()
  for (let i = 0; i < 40 && (await pending()) > 0; i++) {
    await page.evaluate(() => window.scrollBy(0, window.innerHeight))
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))))
  }
  expect(await pending()).toBe(0)
  await page.evaluate(() => window.scrollTo(0, 0))
  return atFirst
}

const attr = (page: Page, selector: string, name = 'data-value') => page.locator(selector).first().getAttribute(name)
const num = async (page: Page, selector: string, name = 'data-value') => Number(await attr(page, selector, name))
const spaces = (s: string) => s.replace(/[\s\u202f\u00a0]+/g, ' ').trim()

/** Every figure on screen against the same figures computed here, in Node, from the same rows. */
async function expectFigures(page: Page, reviews: ReviewRow[], schedules: ScheduleRow[], deckId: string | null) {
  const d: ReviewDays = reviewDaysOf(reviews, NOW, dayClock, deckId)
  const cards = cardTotalsOf(schedules, NOW, dayClock, scheduler.retrievability, deckId)
  const today = todaySummary(d)
  expect(await num(page, '[data-test="today-cards"]')).toBe(today.cards)
  expect(await num(page, '[data-test="today-cards"]', 'data-reviews')).toBe(today.reviews)
  expect(await num(page, '[data-test="today-time"]')).toBe(today.timeMs)
  expect(await attr(page, '[data-test="today-again"]')).toBe(today.againRate === null ? '' : String(today.againRate))
  expect(spaces(await page.locator('[data-test="today-again"] .tile__value').innerText())).toBe(spaces(formatPercent('fr-FR', today.againRate, 0)))
  const s = streaks(d)
  expect(await num(page, '[data-test="streak"]')).toBe(s.current)
  expect(await num(page, '[data-test="streak"]', 'data-longest')).toBe(s.longest)

  const table = retentionTable(d)
  for (const period of RETENTION_PERIODS) {
    for (const col of ['young', 'mature', 'total'] as const) {
      const cell = `[data-test="retention"] tr[data-period="${period}"] td[data-col="${col}"]`
      expect([await num(page, cell, 'data-pass'), await num(page, cell, 'data-fail')], `${period} ${col}`).toEqual([table[period][col].pass, table[period][col].fail])
    }
    const shown = spaces(await page.locator(`[data-test="retention"] tr[data-period="${period}"] td[data-col="total"] .retention__rate`).innerText())
    expect(shown).toBe(spaces(formatPercent('fr-FR', table[period].total.rate)))
  }

  const month = dailySeries(d, await num(page, '[data-test="reviews-facts"]', 'data-range'))
  expect(await num(page, '[data-test="reviews-facts"]', 'data-total')).toBe(month.totals.reviews)
  expect(await num(page, '[data-test="reviews-facts"]', 'data-days-studied')).toBe(month.totals.daysStudied)
  expect(await num(page, '[data-test="reviews-facts"]', 'data-time')).toBe(month.totals.timeMs)

  const f = forecastSummary(cards)
  expect(await num(page, '[data-test="due-today"]')).toBe(f.dueToday)
  expect(await num(page, '[data-test="due-today"]', 'data-overdue')).toBe(f.overdue)
  expect(await num(page, '[data-test="due-tomorrow"]')).toBe(f.dueTomorrow)
  expect(await num(page, '[data-test="due-30"]')).toBe(f.total)
  expect(await num(page, '[data-test="daily-load"]')).toBeCloseTo(f.dailyLoad, 9)

  const h = heatmap(d)
  expect(await num(page, '[data-test="heatmap"]', 'data-total')).toBe(h.total)
  expect(await num(page, '[data-test="heatmap"]', 'data-days-studied')).toBe(h.daysStudied)

  expect(await num(page, '[data-test="card-total"]')).toBe(cards.total)
  for (const [state, n] of Object.entries(cards.counts)) expect(await num(page, `[data-section="stats-counts"] li[data-state="${state}"]`), state).toBe(n)

  const m = memorySummary(cards)
  if (m.studied > 0) {
    expect(await num(page, '[data-test="recall-now"]')).toBeCloseTo(m.expectedRecalled, 6)
    expect(await num(page, '[data-test="recall-now"]', 'data-studied')).toBe(m.studied)
    expect(await num(page, '[data-test="recall-later"]')).toBeCloseTo(m.expectedRecalledLater, 6)
    expect(await num(page, '[data-test="mastered"]')).toBe(m.mastered)
  }

  const b = answerButtons(d, 30)
  for (const g of BUTTON_GROUPS) expect(await attr(page, `[data-section="stats-buttons"] li[data-group="${g}"]`, 'data-grades')).toBe(b[g].grades.join(','))
  return { d, cards }
}

describe('stats screen', () => {
  let reviews: ReviewRow[] = []
  let schedules: ScheduleRow[] = []
  let deckOrder: string[] = []

  // The learner's history starts from the app's own built-in cards, as synced on first start.
  beforeAll(async () => {
    const context = await newContext(PHONE)
    const page = await openApp(context)
    const synced = await readStore<ScheduleRow>(page, 'schedules')
    deckOrder = (await readStore<{ id: string; position: number }>(page, 'decks')).sort((a, b) => a.position - b.position).map((d) => d.id)
    const history = simulateHistory({ schedules: synced, days: 60, endMs: NOW, timeZone: TIME_ZONE, seed: 5, suspendShare: 0.03, deckOrder })
    reviews = history.reviews
    schedules = history.schedules
    await context.close()
  })

  it('shows the domain figures for a 60-day history, for all decks and for one', async () => {
    expect(reviews.length).toBeGreaterThan(500)
    const context = await newContext(PHONE)
    const page = await openApp(context)
    const errors: string[] = []
    page.on('pageerror', (e) => errors.push(e.message))
    await writeRows(page, 'schedules', schedules)
    await writeRows(page, 'reviews', reviews)

    await openStats(page)
    const { d } = await expectFigures(page, reviews, schedules, null)
    expect(todaySummary(d).reviews).toBeGreaterThan(0)
    // Per-deck mastery: every deck, in home order, with the domain's counts.
    const acc = createCardAccumulator(NOW, dayClock, scheduler.retrievability)
    schedules.forEach(acc.add)
    const rows = deckMastery(acc.byDeck(), deckOrder).filter((r) => r.studied > 0)
    expect(await page.locator('[data-section="stats-decks"] li[data-deck]').evaluateAll((els) => els.map((e) => e.getAttribute('data-deck')))).toEqual(rows.map((r) => r.deckId))
    for (const r of rows) {
      const li = `[data-section="stats-decks"] li[data-deck="${r.deckId}"]`
      expect([await num(page, li, 'data-mastered'), await num(page, li, 'data-never'), await num(page, li, 'data-total')]).toEqual([r.mastered, r.neverStudied, r.total])
    }
    await screenshot(page, 'stats')

    // The period buttons change the per-day chart: 3 months.
    await page.locator('[data-test="reviews-range"] label').nth(1).click()
    await expect(attr(page, '[data-test="reviews-facts"]', 'data-range')).resolves.toBe('90')
    expect(await num(page, '[data-test="reviews-facts"]', 'data-total')).toBe(dailySeries(d, 90).totals.reviews)

    // One deck: the filter is kept in the address.
    const deck = deckOrder[1]!
    await page.locator('[data-test="deck-filter"]').selectOption(deck)
    await page.waitForURL(`**/stats?deck=${deck}`)
    await expectFigures(page, reviews, schedules, deck)
    expect(await page.locator('[data-section="stats-decks"] li[data-deck]').count()).toBe(1)
    await page.reload()
    await page.locator('main.stats[data-state="ready"]').waitFor()
    await expect(page.locator('[data-test="deck-filter"]').inputValue()).resolves.not.toBe('')
    await expectFigures(page, reviews, schedules, deck)

    expect(errors).toEqual([])
    await context.close()
  }, 120_000)

  for (const colorScheme of ['light', 'dark'] as const) {
    it(`is readable and accessible at phone and desktop sizes (${colorScheme})`, async () => {
      for (const viewport of [PHONE, DESKTOP]) {
        const context = await newContext(viewport, colorScheme)
        const page = await openApp(context)
        await writeRows(page, 'schedules', schedules)
        await writeRows(page, 'reviews', reviews)
        await openStats(page)
        // A phone's first screen holds one chart: the others wait, their numbers told to screen readers.
        const waiting = await page.locator('figure[data-drawn="false"]').evaluateAll((els) => els.map((e) => e.textContent?.trim() ?? ''))
        expect(waiting.filter((text) => text.length < 20)).toEqual([])
        expect(await drawEverything(page)).toBeGreaterThanOrEqual(viewport === PHONE ? 5 : 0)
        const name = `stats${colorScheme === 'dark' ? '-dark' : ''}`
        await screenshot(page, name)
        await page.screenshot({ path: `${SCREENSHOT_DIR}/${name}-full-${viewport.width}x${viewport.height}.png`, fullPage: true })

        expect(await screenViolations(page, `stats ${viewport.width}px ${colorScheme}`, { french: true })).toEqual([])
        // Every chart speaks its key numbers.
        expect(await page.locator('canvas:not([aria-label])').count()).toBe(0)
        expect(await page.locator('main canvas[role="img"]').count()).toBe(6)
        await context.close()
      }
    }, 120_000)
  }

  it('shows a new learner a short empty state, not a table of dashes', async () => {
    const context = await newContext(PHONE)
    const page = await openApp(context)
    await openStats(page)
    await expect(page.locator('[data-test="no-reviews"] h2').innerText()).resolves.toBe('Pas encore de statistiques')
    expect(await page.locator('[data-section]').count()).toBe(0)
    expect(await page.locator('main').innerText()).not.toContain('—')
    await screenshot(page, 'stats-new-learner')
    await context.close()
  }, 60_000)

  it('after a first pass with 3 cards failed minutes before, shows no mastery and points at a studied deck', async () => {
    const context = await newContext(PHONE)
    const page = await openApp(context)
    const synced = await readStore<ScheduleRow>(page, 'schedules')
    // 19 cards of one deck seen once, 20 minutes ago; 3 failed, then passed 5 minutes ago.
    const studiedDeck = deckOrder.find((id) => synced.filter((s) => s.deckId === id).length >= 19)!
    const firstPass = synced.filter((s) => s.deckId === studiedDeck).slice(0, 19)
    const rows: ScheduleRow[] = []
    const log: ReviewRow[] = []
    firstPass.forEach((s, i) => {
      let step = answerLikeTheApp(scheduler, s, i < 3 ? 1 : 3, NOW - 20 * 60_000 + i * 1000, 8000, `p${i}a`)
      log.push(step.review)
      if (i < 3) {
        step = answerLikeTheApp(scheduler, step.schedule, 3, NOW - 5 * 60_000 + i * 1000, 8000, `p${i}b`)
        log.push(step.review)
      }
      rows.push(step.schedule)
    })
    await writeRows(page, 'schedules', rows)
    await writeRows(page, 'reviews', log)
    await openStats(page)
    const all = synced.map((s) => rows.find((r) => r.cardId === s.cardId) ?? s)
    const m = memorySummary(cardTotalsOf(all, NOW, dayClock, scheduler.retrievability))
    expect(m.studied).toBe(19)
    expect(m.averageRetrievability!).toBeGreaterThan(0.95)
    expect(await num(page, '[data-test="mastered"]')).toBe(0)
    expect(await num(page, '[data-test="recall-later"]')).toBeLessThan(17)
    expect(await num(page, '[data-test="average-r-later"]')).toBeLessThan(0.85)
    const acc = createCardAccumulator(NOW, dayClock, scheduler.retrievability)
    all.forEach(acc.add)
    const decks = deckMastery(acc.byDeck(), deckOrder)
    expect(weakestDeck(decks)?.deckId).toBe(studiedDeck)
    const weakest = spaces(await page.locator('[data-test="weakest-deck"]').innerText())
    const title = (await readStore<{ id: string; title: string | { fr: string } }>(page, 'decks')).find((d) => d.id === studiedDeck)!.title
    expect(weakest).toContain(spaces(typeof title === 'string' ? title : title.fr))
    expect(neverStudiedDecks(decks).length).toBe(decks.length - 1)
    expect(await page.locator('[data-section="stats-decks"] li[data-deck]').count()).toBe(1)
    await expect(page.locator('[data-test="not-studied"]').isVisible()).resolves.toBe(true)
    await screenshot(page, 'stats-first-pass')
    await page.locator('[data-test="mastery-definition"]').evaluate((el) => el.scrollIntoView({ block: 'start' }))
    await page.locator('[data-section="stats-memory"] figure[data-drawn="true"]').first().waitFor()
    await screenshot(page, 'stats-first-pass-memory')
    await page.locator('[data-section="stats-decks"]').scrollIntoViewIfNeeded()
    await screenshot(page, 'stats-first-pass-decks')
    // The calendar on a phone: the recent weeks, cells readable, no month label cut at the right edge.
    await page.locator('[data-section="stats-heatmap"]').scrollIntoViewIfNeeded()
    await page.locator('.heat[data-drawn="true"]').waitFor()
    const heat = await page.locator('svg.heat__svg').evaluate((svg) => {
      const box = svg.getBoundingClientRect()
      return {
        cell: svg.querySelector('rect')!.getBoundingClientRect().width,
        cut: [...svg.querySelectorAll('text')].filter((t) => t.getBoundingClientRect().right > box.right + 0.5).map((t) => t.textContent),
      }
    })
    expect(heat.cell).toBeGreaterThanOrEqual(11)
    expect(heat.cut).toEqual([])
    await screenshot(page, 'stats-first-pass-heatmap')
    await context.close()
  }, 60_000)

  it('opens with 10,000 cards and 100,000 reviews without freezing the page (timings printed)', async () => {
    const started = Date.now()
    // Real time here: a fixed clock would also stop the performance timeline being measured.
    const endMs = started - 60_000
    const big = simulateHistory({
      schedules: newSchedules(10_000, deckOrder, endMs - 500 * 86_400_000, 'bench'),
      days: 460,
      endMs,
      timeZone: TIME_ZONE,
      settings: { ...DEFAULT_SETTINGS, newPerDay: 25 },
      seed: 42,
      suspendShare: 0.01,
      deckOrder,
    })
    expect(big.reviews.length).toBeGreaterThan(100_000)
    const simulatedMs = Date.now() - started
    const context = await newContext(PHONE, 'light', null)
    const page = await openApp(context)
    const synced = await readStore<ScheduleRow>(page, 'schedules')
    await writeRows(page, 'schedules', big.schedules)
    await writeRows(page, 'reviews', big.reviews)
    const seededMs = Date.now() - started - simulatedMs
    // Long tasks (50 ms or more on the main thread) are what a learner feels as a frozen page.
    await page.addInitScript(() => {
      const w = window as unknown as { longTasks: { start: number; duration: number }[] }
      w.longTasks = []
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) w.longTasks.push({ start: e.startTime, duration: e.duration })
      }).observe({ type: 'longtask', buffered: true })
    })
    // Opened three times (the first also warms the caches); each run's timings are printed.
    const runs: { nowMs: number; computeMs: number; totalMs: number; workerMs: number; foldMs: number; longTasks: string[] }[] = []
    for (let run = 0; run < 3; run++) {
      await openStats(page)
      runs.push(
        await page.evaluate(() => {
          const start = performance.getEntriesByName('stats:start').at(-1)?.startTime ?? 0
          const long = (window as unknown as { longTasks: { start: number; duration: number }[] }).longTasks.filter((t) => t.start >= start)
          const main = document.querySelector('main.stats')!
          return {
            nowMs: Date.now(),
            computeMs: performance.getEntriesByName('stats-compute').at(-1)?.duration ?? -1,
            totalMs: performance.getEntriesByName('stats-total').at(-1)?.duration ?? -1,
            workerMs: Number(main.getAttribute('data-read-fold-ms')),
            foldMs: Number(main.getAttribute('data-fold-ms')),
            longTasks: long.map((t) => `${Math.round(t.start - start)}+${Math.round(t.duration)}`),
          }
        }),
      )
    }
    console.log(
      `stats with ${big.schedules.length + synced.length} cards and ${big.reviews.length} reviews ` +
        `(simulated in ${simulatedMs} ms, seeded in ${seededMs} ms):\n` +
        runs
          .map(
            (r, i) =>
              `  run ${i + 1}: compute+render ${r.totalMs.toFixed(0)} ms = read+compute ${r.computeMs.toFixed(0)} ms ` +
              `(worker ${r.workerMs.toFixed(0)} ms, of which the one-pass fold ${r.foldMs.toFixed(0)} ms) + drawing; ` +
              `long tasks (start+duration ms) ${JSON.stringify(r.longTasks)}`,
          )
          .join('\n'),
    )
    const timing = runs.at(-1)!
    expect(timing.totalMs).toBeGreaterThan(0)
    // The figures are still the domain's at this size.
    const all = [...synced, ...big.schedules]
    const d = reviewDaysOf(big.reviews, timing.nowMs, dayClock)
    await page.locator('[data-test="reviews-range"] label').nth(2).click()
    expect(await num(page, '[data-test="reviews-facts"]', 'data-total')).toBe(dailySeries(d, 365).totals.reviews)
    expect(await num(page, '[data-test="today-cards"]', 'data-reviews')).toBe(todaySummary(d).reviews)
    expect(await num(page, '[data-test="card-total"]')).toBe(all.length)
    // Seconds passed since the page computed: recall moved by far less than one card.
    const cards = cardTotalsOf(all, timing.nowMs, dayClock, scheduler.retrievability)
    expect(await num(page, '[data-test="recall-now"]')).toBeCloseTo(cards.retrievabilitySum, 0)
    await screenshot(page, 'stats-100k')

    // Switching deck recomputes every figure from the per-deck folds, without reading the log again.
    const before = await page.evaluate(() => performance.now())
    await page.locator('[data-test="deck-filter"]').selectOption(deckOrder[0]!)
    await page.waitForURL(`**/stats?deck=${deckOrder[0]}`)
    await page.waitForTimeout(500)
    const switchTasks = await page.evaluate(
      (since) => (window as unknown as { longTasks: { start: number; duration: number }[] }).longTasks.filter((t) => t.start >= since).map((t) => Math.round(t.duration)),
      before,
    )
    console.log(`deck switch at 100,000 reviews: long tasks (ms) ${JSON.stringify(switchTasks)}`)
    expect(await num(page, '[data-test="card-total"]')).toBe(all.filter((s) => s.deckId === deckOrder[0]).length)
    await context.close()
  }, 300_000)
})
