// The review screen as a daily learner uses it on a phone (360x740, taps): choice cards shown
// without a pick, double taps, the answer in view, the card menu and its actions, the limit screen.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { screenViolations } from './accessibility'
import { BASE_URL, launchBrowser, readStore, screenshot, untilDecksWritten, untilReady } from './browser'

interface ScheduleRow {
  cardId: string
  deckId: string
  state: number
  suspended: boolean
  buriedUntilDay: number
  flag?: number
  version: number
}
interface ReviewRow {
  id: string
  cardId: string
  grade: number
}

let browser: Browser
beforeAll(async () => {
  browser = await launchBrowser()
})
afterAll(async () => {
  await browser?.close()
})

const PHONE = { viewport: { width: 360, height: 740 }, locale: 'fr-FR', hasTouch: true, isMobile: true }

async function phone(options: Partial<Parameters<Browser['newContext']>[0]> = {}): Promise<{ context: BrowserContext; page: Page; errors: string[] }> {
  const context = await browser.newContext({ ...PHONE, ...options })
  const page = await context.newPage()
  const errors: string[] = []
  page.on('pageerror', (e) => errors.push(e.message))
  return { context, page, errors }
}

const cardId = (page: Page) => page.locator('article.card').getAttribute('data-card-id')
const tapCentre = async (page: Page, selector: string) => {
  const box = (await page.locator(selector).boundingBox())!
  await page.touchscreen.tap(box.x + box.width / 2, box.y + box.height / 2)
}

/** The part of the screen between the sticky header and the fixed foot. */
async function visibleBand(page: Page) {
  return page.evaluate(() => ({
    top: document.querySelector('.review__bar')!.getBoundingClientRect().bottom,
    bottom: document.querySelector('.review__actions')!.getBoundingClientRect().top,
  }))
}

/** Answers cards (Good) until one of `kind` is on screen, its question showing. */
async function untilKind(page: Page, kind: string) {
  for (let i = 0; i < 30; i++) {
    await page.locator('[data-test="show-answer"]').waitFor()
    if ((await page.locator('article.card').getAttribute('data-kind')) === kind) return
    await untilReady(page)
    await page.keyboard.press('Space')
    await untilReady(page)
    await page.keyboard.press('3')
  }
  throw new Error(`no ${kind} card`)
}

describe('review screen on a phone', () => {
  it('shows a choice card\'s answer without a pick (tap or Space), proposing Again, and the grade can still change', async () => {
    const { context, page, errors } = await phone()
    await page.goto(`${BASE_URL}/review/pm-vs-po`)
    await untilKind(page, 'choice')
    const first = await cardId(page)
    await untilReady(page)
    await tapCentre(page, '[data-test="show-answer"]')
    await page.locator('.grade').first().waitFor()
    expect(await page.locator('[data-correct="true"]').count()).toBe(1)
    await expect(page.locator('.verdict').innerText()).resolves.toMatch(/sans choix/)
    // The explanation follows the verdict.
    expect((await page.locator('.verdict').innerText()).length).toBeGreaterThan(80)
    expect(await page.locator('.grade--proposed').getAttribute('data-grade')).toBe('1')
    await expect(page.locator('.option--correct .option__tag').first().innerText()).resolves.toBe('Bonne réponse')
    await screenshot(page, 'review-choice-no-pick')
    // The learner knew it after all: Good instead of the proposed Again.
    await untilReady(page)
    await tapCentre(page, '[data-grade="3"]')
    await expect.poll(async () => (await readStore<ReviewRow>(page, 'reviews')).map((r) => [r.cardId, r.grade])).toContainEqual([first, 3])

    // Space shows the next choice card's answer too.
    await untilKind(page, 'choice')
    await untilReady(page)
    await page.keyboard.press('Space')
    await page.locator('.verdict').waitFor()
    expect(await page.locator('.grade--proposed').getAttribute('data-grade')).toBe('1')
    expect(errors).toEqual([])
    await context.close()
  })

  it('keeps a wrong pick\'s verdict and explanation in view above the grades', async () => {
    const { context, page } = await phone()
    await page.goto(`${BASE_URL}/review/pm-vs-po`)
    await untilKind(page, 'choice')
    await untilReady(page)
    const wrong = page.locator('[data-option]').filter({ hasNot: page.locator('[data-correct]') })
    // Which option is right is not shown before the pick: find a wrong one by trying the store's data.
    const options = await page.locator('[data-option]').count()
    expect(options).toBeGreaterThanOrEqual(3)
    expect(await wrong.count()).toBe(options)
    const rightText = await page.evaluate(async () => {
      const id = document.querySelector('article.card')!.getAttribute('data-card-id')
      const db = await new Promise<IDBDatabase>((resolve) => {
        const open = indexedDB.open('pm-cards')
        open.onsuccess = () => resolve(open.result)
      })
      const card = await new Promise<{ content: { options: Array<{ text: { fr: string } | string; correct: boolean }> } }>((resolve) => {
        const req = db.transaction('cards').objectStore('cards').get(id!)
        req.onsuccess = () => resolve(req.result)
      })
      db.close()
      const right = card.content.options.find((o) => o.correct)!.text
      return typeof right === 'string' ? right : right.fr
    })
    const wrongOption = page.locator('[data-option]').filter({ hasNotText: rightText }).first()
    await wrongOption.tap()
    await page.locator('.verdict--wrong').waitFor()
    await expect(page.locator('.option--wrong .option__tag').innerText()).resolves.toBe('Votre choix')
    // The focus moves to the verdict after the paint, and brings it into view.
    await page.waitForFunction(() => document.activeElement?.classList.contains('verdict'))
    const band = await visibleBand(page)
    const verdict = (await page.locator('.verdict').boundingBox())!
    expect(verdict.y).toBeGreaterThanOrEqual(band.top - 1)
    // The verdict and the start of the explanation (two lines) are above the grades.
    expect(verdict.y + 48).toBeLessThanOrEqual(band.bottom)
    // The grades stay in thumb reach, at the bottom of the screen.
    const grades = (await page.locator('.grades').boundingBox())!
    expect(grades.y + grades.height).toBeGreaterThan(740 - 90)
    await screenshot(page, 'review-choice-wrong')
    await context.close()
  })

  it('shows an interview card\'s key points to tick in view, the model answer after them', async () => {
    const { context, page } = await phone()
    await page.goto(`${BASE_URL}/review/interview`)
    await untilKind(page, 'interview')
    await untilReady(page)
    await tapCentre(page, '[data-test="show-answer"]')
    await page.locator('input[data-point]').first().waitFor()
    await page.waitForFunction(() => document.activeElement?.classList.contains('points__legend'))
    const band = await visibleBand(page)
    const points = page.locator('.point')
    const n = await points.count()
    expect(n).toBeGreaterThanOrEqual(3)
    for (let i = 0; i < Math.min(n, 3); i++) {
      const box = (await points.nth(i).boundingBox())!
      expect(box.y).toBeGreaterThanOrEqual(band.top - 1)
      expect(box.y + box.height).toBeLessThanOrEqual(band.bottom + 1)
    }
    // Ticked with a tap, in view.
    await points.nth(0).tap()
    await expect(page.locator('input[data-point="0"]').isChecked()).resolves.toBe(true)
    const model = (await page.locator('[data-test="model-answer"]').boundingBox())!
    expect(model.y).toBeGreaterThan((await points.nth(n - 1).boundingBox())!.y)
    await screenshot(page, 'review-interview-back')
    await context.close()
  })

  for (const gapMs of [60, 150, 300, 600]) {
    it(`grades one card only when "Correct" is tapped twice ${gapMs} ms apart`, async () => {
      const { context, page } = await phone()
      await page.goto(`${BASE_URL}/review/pm-role`)
      await page.locator('[data-test="show-answer"]').waitFor()
      const first = await cardId(page)
      await untilReady(page)
      await tapCentre(page, '[data-test="show-answer"]')
      await page.locator('[data-grade="3"]').waitFor()
      await untilReady(page)
      const box = (await page.locator('[data-grade="3"]').boundingBox())!
      const x = box.x + box.width / 2
      const y = box.y + box.height / 2
      await page.touchscreen.tap(x, y)
      await page.waitForTimeout(gapMs)
      await page.touchscreen.tap(x, y)
      // Long enough for a wrong reveal to have shown.
      await page.waitForTimeout(700)
      expect(await cardId(page)).not.toBe(first)
      // The next card's question, not its answer.
      expect(await page.locator('.grade').count()).toBe(0)
      await page.locator('[data-test="show-answer"]').waitFor()
      const reviews = await readStore<ReviewRow>(page, 'reviews')
      expect(reviews.map((r) => [r.cardId, r.grade])).toEqual([[first, 3]])
      // The second tap landed on the strip that says what the first one did.
      await expect(page.locator('[data-test="last-answer"]').innerText()).resolves.toMatch(/^Correct · revient dans/)
      await context.close()
    })
  }

  it('ignores keys pressed within the guard time of a card, and takes them after', async () => {
    const { context, page } = await phone()
    await page.goto(`${BASE_URL}/review/pm-role`)
    await page.locator('[data-test="show-answer"]').waitFor()
    // Space, then Space again at once: shows the answer, and does not grade it.
    await untilReady(page)
    await page.keyboard.press('Space')
    await page.keyboard.press('Space')
    await page.locator('[data-grade="3"]').waitFor()
    await page.waitForTimeout(600)
    expect(await readStore<ReviewRow>(page, 'reviews')).toHaveLength(0)
    await page.keyboard.press('Space')
    await expect.poll(async () => (await readStore<ReviewRow>(page, 'reviews')).length).toBe(1)
    await context.close()
  })

  it('has a card menu: flag, suspend, bury, forget, info, each undone by the review\'s undo', async () => {
    const { context, page, errors } = await phone()
    await page.goto(`${BASE_URL}/review/pm-role`)
    await page.locator('[data-test="show-answer"]').waitFor()
    await expect(page.locator('[data-test="card-deck"]').innerText()).resolves.toMatch(/Le rôle|rôle/i)
    const first = (await cardId(page))!
    const row = async (id: string) => (await readStore<ScheduleRow>(page, 'schedules')).find((s) => s.cardId === id)!

    // Flag red from the menu, opened with a tap.
    await page.locator('[data-test="card-menu"]').tap()
    await page.locator('[data-test="card-menu-panel"]').waitFor()
    expect(await page.locator('[data-test="card-menu"]').getAttribute('aria-expanded')).toBe('true')
    await screenshot(page, 'review-card-menu')
    for (const theme of ['light', 'dark']) {
      await page.emulateMedia({ colorScheme: theme as 'light' | 'dark' })
      expect(await screenViolations(page, `card menu ${theme}`)).toEqual([])
    }
    await page.emulateMedia({ colorScheme: 'light' })
    await page.locator('[data-flag="1"]').tap()
    await expect.poll(() => page.locator('[data-test="card-flag"]').innerText()).toMatch(/Rouge/)
    await expect.poll(async () => (await row(first)).flag).toBe(1)
    expect(await cardId(page)).toBe(first)
    // Ctrl+4: blue; undo: red again.
    await page.keyboard.press('Control+4')
    await expect.poll(() => page.locator('[data-test="card-flag"]').innerText()).toMatch(/Bleu/)
    await expect.poll(async () => (await row(first)).flag).toBe(4)
    await page.locator('[data-test="undo"]').tap()
    await expect.poll(() => page.locator('[data-test="card-flag"]').innerText()).toMatch(/Rouge/)
    expect((await row(first)).flag).toBe(1)

    // Suspend from the menu: the next card shows; undo brings this one back, unsuspended.
    await page.locator('[data-test="card-menu"]').tap()
    await page.locator('[data-action="suspend"]').tap()
    await page.waitForFunction((id) => document.querySelector('article.card')?.getAttribute('data-card-id') !== id, first)
    expect((await row(first)).suspended).toBe(true)
    await expect.poll(() => page.locator('[data-test="notice"]').innerText()).toMatch(/suspendue/)
    await page.keyboard.press('u')
    await page.locator(`article.card[data-card-id="${first}"]`).waitFor()
    expect((await row(first)).suspended).toBe(false)

    // Bury with "-": gone until tomorrow; undo.
    await page.keyboard.press('-')
    await page.waitForFunction((id) => document.querySelector('article.card')?.getAttribute('data-card-id') !== id, first)
    expect((await row(first)).buriedUntilDay).toBeGreaterThan(0)
    await page.keyboard.press('u')
    await page.locator(`article.card[data-card-id="${first}"]`).waitFor()
    expect((await row(first)).buriedUntilDay).toBe(0)

    // Card info with "i": deck, memory figures and history, closed with Escape.
    await page.keyboard.press('i')
    await page.locator('[data-test="card-info"] [data-test="stability"]').waitFor()
    await expect(page.locator('[data-test="card-info"] [data-test="deck"]').innerText()).resolves.toMatch(/rôle/i)
    // A card never studied has no memory figures yet.
    await expect(page.locator('[data-test="card-info"] [data-test="retrievability"]').innerText()).resolves.toBe('—')
    await screenshot(page, 'review-card-info')
    expect(await screenViolations(page, 'card info')).toEqual([])
    await page.keyboard.press('Escape')
    await page.locator('[data-test="card-info"]').waitFor({ state: 'detached' })

    // A built-in card cannot be edited: the menu has no "edit", its key says why.
    await page.locator('[data-test="card-menu"]').tap()
    expect(await page.locator('[data-action="edit"]').count()).toBe(0)
    await page.keyboard.press('Escape')
    await page.keyboard.press('e')
    await expect.poll(() => page.locator('[data-test="notice"]').innerText()).toMatch(/fournies/)
    expect(errors).toEqual([])
    await context.close()
  })

  it('forgets a studied card back to new from the menu, and undo restores its memory', async () => {
    const { context, page } = await phone()
    await page.goto(`${BASE_URL}/`)
    await page.locator('[data-test="study-all"]').waitFor()
    await untilDecksWritten(page)
    // A card studied before, due now: reviews come first in a session.
    const studied = await page.evaluate(
      () =>
        new Promise<ScheduleRow & Record<string, unknown>>((resolve) => {
          const open = indexedDB.open('pm-cards')
          open.onsuccess = () => {
            const store = open.result.transaction('schedules', 'readwrite').objectStore('schedules')
            const get = store.get('role-mission')
            get.onsuccess = () => {
              const now = Date.now()
              const row = { ...get.result, state: 2, due: now - 60_000, stability: 12, difficulty: 5, reps: 4, lastReview: now - 12 * 86_400_000, scheduledDays: 12, version: get.result.version + 1 }
              store.put(row).onsuccess = () => resolve(row)
            }
          }
        }),
    )
    await page.goto(`${BASE_URL}/review/pm-role`)
    await page.locator(`article.card[data-card-id="${studied.cardId}"]`).waitFor()
    // Its info: the memory figures of a card seen twelve days ago.
    await page.keyboard.press('i')
    await expect.poll(() => page.locator('[data-test="card-info"] [data-test="stability"]').innerText()).toBe('12 j')
    await expect(page.locator('[data-test="card-info"] [data-test="retrievability"]').innerText()).resolves.toMatch(/^\d+\s?%$/)
    await page.locator('[data-test="card-info-close"]').tap()
    await page.locator('[data-test="card-info"]').waitFor({ state: 'detached' })
    const row = async () => (await readStore<ScheduleRow & { stability: number }>(page, 'schedules')).find((s) => s.cardId === studied.cardId)!
    await page.locator('[data-test="card-menu"]').tap()
    await page.locator('[data-action="forget"]').tap()
    await page.waitForFunction((id) => document.querySelector('article.card')?.getAttribute('data-card-id') !== id, studied.cardId)
    expect(await row()).toMatchObject({ state: 0, stability: 0 })
    await page.locator('[data-test="undo"]').tap()
    await page.locator(`article.card[data-card-id="${studied.cardId}"]`).waitFor()
    expect(await row()).toMatchObject({ state: 2, stability: 12, version: studied.version + 2 })
    await context.close()
  })

  it('says which daily limit stopped the session and offers custom study', async () => {
    const { context, page, errors } = await phone()
    await page.goto(`${BASE_URL}/settings`)
    await page.locator('#new-per-day').fill('2')
    await page.locator('#new-per-day').press('Tab')
    await page.waitForFunction(() => [...document.querySelectorAll('[role="status"]')].some((e) => e.textContent?.includes('enregistrés')))
    await page.goto(`${BASE_URL}/review/pm-role`)
    for (let i = 0; i < 2; i++) {
      await page.locator('[data-test="show-answer"]').waitFor()
      await untilReady(page)
      await page.keyboard.press('Space')
      await untilReady(page)
      await page.keyboard.press('4')
    }
    await page.locator('[data-test="limit-reached"] [data-limit="new"]').waitFor()
    const total = (await readStore<ScheduleRow>(page, 'schedules')).filter((s) => s.deckId === 'pm-role').length
    await expect(page.locator('[data-limit="new"]').innerText()).resolves.toBe(
      `Limite du jour atteinte\u202f: 2 nouvelles cartes par jour\u202f; ${total - 2} autres attendent.`,
    )
    await screenshot(page, 'review-limit-reached')
    expect(await screenViolations(page, 'limit reached')).toEqual([])

    // Free practice of the deck: nothing is written.
    await page.locator('[data-offer="practice"] button').tap()
    await page.locator('[data-test="show-answer"]').waitFor()
    await expect(page.locator('[data-test="card-deck"]').innerText()).resolves.toMatch(/Entraînement libre/)
    await untilReady(page)
    await page.keyboard.press('Space')
    await untilReady(page)
    await page.keyboard.press('3')
    await page.waitForTimeout(300)
    expect(await readStore<ReviewRow>(page, 'reviews')).toHaveLength(2)

    // More new cards today: 3 more, for today only.
    await page.goto(`${BASE_URL}/review/pm-role`)
    await page.locator('[data-offer="more-new"] input').fill('3')
    await page.locator('[data-offer="more-new"] button').tap()
    await page.locator('[data-test="show-answer"]').waitFor()
    await expect(page.locator('.review__bar [data-count="new"] .count__n').innerText()).resolves.toBe('3')
    const settings = await readStore<{ key: string; value: { newPerDay: number } }>(page, 'settings')
    expect(settings.find((s) => s.key === 'settings')?.value.newPerDay).toBe(2)
    expect(errors).toEqual([])
    await context.close()
  })
})
