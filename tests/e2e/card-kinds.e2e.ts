// Each card kind in review, as a learner on a phone sees and uses it: front, back, proposed grade, source.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser, Page } from 'playwright-core'
import { BASE_URL, launchBrowser, screenshot, untilReady } from './browser'

let browser: Browser
beforeAll(async () => {
  browser = await launchBrowser()
})
afterAll(async () => {
  await browser?.close()
})

const proposedGrade = (page: Page) => page.locator('.grade--proposed').getAttribute('data-grade')

async function studyKind(page: Page, kind: string) {
  const card = page.locator('article.card')
  await screenshot(page, `kind-${kind}-front`)
  // Taps on a card just shown are ignored (the double-tap guard).
  await untilReady(page)
  if (kind === 'choice') {
    // Tapping the card does not give the answer away: a choice card waits for a pick.
    await card.click({ position: { x: 10, y: 10 } })
    expect(await page.locator('[data-grade="3"]').count()).toBe(0)
    await page.locator('[data-option="2"]').click()
    const picked = await page.locator('[data-option="2"]').getAttribute('data-correct')
    expect(await proposedGrade(page)).toBe(picked === 'true' ? '3' : '1')
    await expect(page.locator('.verdict').innerText()).resolves.toMatch(picked === 'true' ? /Bonne réponse/ : /Mauvaise réponse/)
    expect(await page.locator('[data-correct="true"]').count()).toBe(1)
  } else if (kind === 'interview') {
    await page.locator('[data-test="notes"]').fill('Vision globale, influence sans autorité.')
    // Typing in the notes never triggers a shortcut.
    await page.locator('[data-test="notes"]').press('3')
    await page.locator('[data-test="show-answer"]').click()
    const points = page.locator('input[data-point]')
    const total = await points.count()
    expect(total).toBeGreaterThanOrEqual(3)
    expect(await proposedGrade(page)).toBe('1')
    for (let i = 0; i < total; i++) await points.nth(i).check()
    expect(await proposedGrade(page)).toBe('4')
    await points.nth(0).uncheck()
    expect(Number(await proposedGrade(page))).toBeLessThan(4)
    expect(await page.locator('[data-test="notes"]').inputValue()).toBe('Vision globale, influence sans autorité.3')
  } else {
    await card.click()
    expect(await page.locator('.grade--proposed').count()).toBe(0)
  }
  await page.locator('.source summary').click()
  await page.locator('.source__title').waitFor()
  expect((await page.locator('.source__context').innerText()).length).toBeGreaterThan(20)
  await screenshot(page, `kind-${kind}-back`)
  await page.locator('[data-grade="3"]').click()
}

describe('card kinds', () => {
  it('shows and grades basic, cloze, choice and interview cards', async () => {
    const context = await browser.newContext({ viewport: { width: 360, height: 740 }, locale: 'fr-FR' })
    const page = await context.newPage()
    const errors: string[] = []
    page.on('pageerror', (e) => errors.push(e.message))
    await page.goto(`${BASE_URL}/review/pm-role`)
    const seen = new Set<string>()
    for (let i = 0; i < 40 && seen.size < 4; i++) {
      await page.waitForFunction(() => document.querySelector('article.card') && !document.querySelector('.grade'))
      const kind = (await page.locator('article.card').getAttribute('data-kind'))!
      if (seen.has(kind)) {
        await untilReady(page)
        await page.keyboard.press(kind === 'choice' ? '1' : 'Space')
        await page.locator('[data-grade="3"]').waitFor()
        await untilReady(page)
        await page.keyboard.press('3')
        continue
      }
      seen.add(kind)
      await studyKind(page, kind)
    }
    expect([...seen].sort()).toEqual(['basic', 'choice', 'cloze', 'interview'])
    expect(errors).toEqual([])
    await context.close()
  })

  it('studies in English when the interface is in English', async () => {
    const context = await browser.newContext({ viewport: { width: 360, height: 740 }, locale: 'en-GB' })
    const page = await context.newPage()
    await page.goto(`${BASE_URL}/review/pm-role`)
    await page.locator('[data-test="show-answer"]').click()
    await page.locator('[data-grade="1"]').waitFor()
    await expect(page.locator('[data-grade="1"] .grade__label').innerText()).resolves.toBe('Again')
    await expect(page.locator('[data-test="front"]').innerText()).resolves.toMatch(/[?]$/)
    await expect(page.locator('[data-test="front"]').innerText()).resolves.not.toMatch(/ \?$/)
    await context.close()
  })
})
