// Browse and the card detail on a 360x740 phone (and still on a 1280x800 desktop): the page scrolls
// as a whole over a virtualised list, filters fold away, each row shows two lines of its question,
// its deck and its due date in full, and the review history fits the screen. Light and dark.
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

/** Answers the first cards of the review (Easy: a due date days ahead; Good: still learning). */
async function study(page: Page, n: number, grade: '3' | '4' = '4'): Promise<string[]> {
  await page.goto(`${BASE_URL}/review`)
  const ids: string[] = []
  for (let i = 0; i < n; i++) {
    await page.waitForFunction((seen) => {
      const id = document.querySelector('article.card')?.getAttribute('data-card-id')
      return id && !seen.includes(id) && !document.querySelector('.grade')
    }, ids)
    ids.push((await page.locator('article.card').getAttribute('data-card-id'))!)
    await untilReady(page)
    await page.keyboard.press(((await page.locator('article.card').getAttribute('data-kind')) === 'choice' ? '2' : 'Space'))
    await page.locator(`[data-grade="${grade}"]`).waitFor()
    await untilReady(page)
    await page.keyboard.press(grade)
  }
  return ids
}

async function openBrowse(page: Page) {
  await page.goto(`${BASE_URL}/browse`)
  await page.waitForFunction(() => /^135 cartes$/.test(document.querySelector('[data-test="count"]')?.textContent?.trim() ?? ''))
  await page.locator('.browse__rows > li').first().waitFor()
}

/** What a row shows, measured: the question's lines, and whether its deck and due date are cut. */
function rowFacts(page: Page, cardId: string) {
  return page.locator(`[data-card="${cardId}"]`).evaluate((row) => {
    const q = row.querySelector<HTMLElement>('.row__question')!
    const deck = row.querySelector<HTMLElement>('.row__deck')
    const due = row.querySelector<HTMLElement>('[data-test="row-due"]')
    const rowBox = row.getBoundingClientRect()
    const cut = (el: HTMLElement | null) => {
      if (!el) return 'missing'
      const r = el.getBoundingClientRect()
      if (r.width === 0) return 'hidden'
      if (el.scrollWidth > el.clientWidth + 1 || r.right > rowBox.right + 0.5) return `cut (${el.scrollWidth} > ${el.clientWidth})`
      return 'whole'
    }
    const lineHeight = parseFloat(getComputedStyle(q).lineHeight)
    return {
      questionLines: Math.round(q.getBoundingClientRect().height / lineHeight),
      clamp: getComputedStyle(q).webkitLineClamp,
      deck: cut(deck),
      deckText: deck?.textContent?.trim() ?? '',
      due: cut(due),
      dueText: due?.textContent?.trim() ?? '',
    }
  })
}

/** Whether the page itself scrolls, and whether the list is an inner scroll box. */
function scrolling(page: Page) {
  return page.evaluate(() => {
    const list = document.querySelector<HTMLElement>('[data-test="list"]')!
    const overflow = getComputedStyle(list).overflowY
    return {
      pageScrolls: document.documentElement.scrollHeight > window.innerHeight + 200,
      innerScrollBox: (overflow === 'auto' || overflow === 'scroll') && list.scrollHeight > list.clientHeight,
      horizontal: document.documentElement.scrollWidth > window.innerWidth,
    }
  })
}

describe('Browse on a phone', () => {
  for (const colorScheme of ['light', 'dark'] as const) {
    it(`scrolls the page over the list; rows show two lines, the deck and the full due date; the history fits (${colorScheme})`, async () => {
      const context = await browser.newContext({ viewport: { width: 360, height: 740 }, locale: 'fr-FR', colorScheme })
      const page = await context.newPage()
      const errors: string[] = []
      page.on('pageerror', (e) => errors.push(e.message))
      const found: string[] = []
      const [studied] = await study(page, 2)

      await openBrowse(page)
      expect(await scrolling(page)).toEqual({ pageScrolls: true, innerScrollBox: false, horizontal: false })
      // Filters are folded away: the first rows show under the search.
      const summary = page.locator('[data-test="filters"] summary')
      await expect(summary.evaluate((s) => (s.parentElement as HTMLDetailsElement).open)).resolves.toBe(false)
      const firstRowTop = await page.locator('.browse__rows > li').first().evaluate((r) => r.getBoundingClientRect().top)
      expect(firstRowTop).toBeLessThan(740 / 2)

      const facts = await rowFacts(page, studied!)
      expect(facts).toMatchObject({ questionLines: 2, clamp: '2', deck: 'whole', due: 'whole' })
      expect(facts.deckText).toBe('Le rôle du Product Manager')
      expect(facts.dueText).toMatch(/^échéance le \d{1,2} [a-zé]+\.? \d{4}$/)
      await screenshot(page, `browse-phone-${colorScheme}`)
      found.push(...(await screenViolations(page, 'browse')))

      // The page scrolls (not an inner box): a finger's worth down, other rows show, no row is lost.
      await page.mouse.wheel(0, 1500)
      await page.waitForFunction(() => window.scrollY > 1000)
      const shown = await page.evaluate(() =>
        [...document.querySelectorAll<HTMLElement>('.browse__rows > li')]
          .filter((r) => {
            const b = r.getBoundingClientRect()
            return b.bottom > 0 && b.top < window.innerHeight
          })
          .map((r) => Number(r.getAttribute('aria-posinset'))),
      )
      expect(Math.min(...shown)).toBeGreaterThan(5)
      // Consecutive rows, none overlapping: the virtual list placed them by their measured heights.
      const gaps = await page.evaluate(() => {
        const rows = [...document.querySelectorAll<HTMLElement>('.browse__rows > li')].sort((a, b) => Number(a.getAttribute('aria-posinset')) - Number(b.getAttribute('aria-posinset')))
        return rows.slice(1).map((r, i) => Math.round(r.getBoundingClientRect().top - rows[i]!.getBoundingClientRect().bottom))
      })
      expect(gaps.every((g) => g === 0)).toBe(true)
      expect(await page.locator('.browse__rows > li').count()).toBeLessThan(40)
      await screenshot(page, `browse-phone-scrolled-${colorScheme}`)

      // Filters: a disclosure that says how many are on.
      await page.evaluate(() => window.scrollTo(0, 0))
      await summary.click()
      await page.locator('[data-test="filter-dueToday"]').check()
      await page.locator('[data-test="filter-flagged"]').check()
      await expect(summary.innerText()).resolves.toMatch(/Filtres\s*\(2\)/)
      await screenshot(page, `browse-phone-filters-${colorScheme}`)
      found.push(...(await screenViolations(page, 'browse filters')))
      await page.getByRole('button', { name: 'Tout effacer' }).click()
      await summary.click()

      // The card detail: the history table, every column on screen.
      await page.locator(`[data-card="${studied}"] a`).click()
      await page.locator('[data-test="history"]').waitFor()
      const history = page.locator('[data-test="history"]')
      await history.scrollIntoViewIfNeeded()
      const table = await history.evaluate((t) => {
        const box = t.parentElement!
        const heads = [...t.querySelectorAll('th')].map((th) => Math.round(th.getBoundingClientRect().right))
        return { tableWidth: t.scrollWidth, boxWidth: box.clientWidth, lastRight: Math.max(...heads), cells: [...t.querySelectorAll('tbody td')].map((td) => (td as HTMLElement).innerText.replace(/\s+/g, ' ').trim()) }
      })
      expect(table.tableWidth).toBeLessThanOrEqual(table.boxWidth)
      expect(table.lastRight).toBeLessThanOrEqual(360)
      expect(table.cells[1]).toBe('Facile')
      expect(table.cells[3]).toMatch(/^\d+ s$/)
      expect(await page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth)).toBe(false)
      await screenshot(page, `browse-detail-history-${colorScheme}`)
      found.push(...(await screenViolations(page, 'card detail')))

      // Back to the list: the place is kept.
      await page.goto(`${BASE_URL}/browse`)
      await page.locator('.browse__rows > li').first().waitFor()
      await page.mouse.wheel(0, 2000)
      await page.waitForFunction(() => window.scrollY > 1500)
      const before = await page.evaluate(() => Math.round(window.scrollY))
      // A row well on screen (rows just above it are rendered too, off screen).
      const targetId = await page.evaluate(
        () =>
          [...document.querySelectorAll<HTMLElement>('.browse__rows > li')].find((r) => r.getBoundingClientRect().top > 150)!.dataset.card!,
      )
      const target = page.locator(`[data-card="${targetId}"]`)
      await target.locator('a').click()
      await page.locator('[data-test="facts"]').waitFor()
      await page.goBack()
      await page.locator(`[data-card="${targetId}"]`).waitFor()
      await page.waitForFunction((y) => Math.abs(window.scrollY - y) < 2, before)
      expect(await target.evaluate((r) => r.getBoundingClientRect().top)).toBeGreaterThan(0)
      // The same through the detail's own link back to the list.
      await target.locator('a').click()
      await page.locator('[data-test="facts"]').waitFor()
      await page.getByRole('link', { name: /Retour à la liste/ }).click()
      await target.waitFor()
      await page.waitForFunction((y) => Math.abs(window.scrollY - y) < 2, before)

      expect(found).toEqual([])
      expect(errors).toEqual([])
      await context.close()
    })
  }

  it('stays good on a 1280x800 desktop: the page scrolls, rows on one meta line, no inner scroll box', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'fr-FR' })
    const page = await context.newPage()
    const [studied] = await study(page, 1, '3')
    await openBrowse(page)
    expect(await scrolling(page)).toEqual({ pageScrolls: true, innerScrollBox: false, horizontal: false })
    const facts = await rowFacts(page, studied!)
    expect(facts).toMatchObject({ deck: 'whole', due: 'whole' })
    // On a wide screen the state, due date and deck share one line under the question.
    const metaLines = await page.locator(`[data-card="${studied}"] .row__meta`).evaluate((m) => Math.round(m.getBoundingClientRect().height / parseFloat(getComputedStyle(m).lineHeight)))
    expect(metaLines).toBe(1)
    await screenshot(page, 'browse-desktop')
    expect(await screenViolations(page, 'browse desktop')).toEqual([])
    await page.locator('[data-test="filters"] summary').click()
    await screenshot(page, 'browse-desktop-filters')
    await page.locator(`[data-card="${studied}"] a`).click()
    await page.locator('[data-test="history"]').waitFor()
    // The card's facts keep their words whole ("En apprentissage" was cut to "apprentiss / age").
    const cutWords = await page.evaluate(() => {
      const out: string[] = []
      for (const dd of document.querySelectorAll('[data-test="facts"] dd')) {
        const walker = document.createTreeWalker(dd, NodeFilter.SHOW_TEXT)
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
          for (const m of (node.textContent ?? '').matchAll(/\S+/g)) {
            const range = document.createRange()
            range.setStart(node, m.index)
            range.setEnd(node, m.index + m[0].length)
            if (range.getClientRects().length > 1) out.push(m[0])
          }
        }
      }
      return out
    })
    expect(cutWords).toEqual([])
    await screenshot(page, 'browse-detail-desktop')
    await context.close()
  })
})
