// A learner without a deck of their own writes a first card in one screen: "+ Nouvelle carte"
// opens the editor, which offers a new deck "Mes cartes" and creates it with the card (one
// transaction). By keyboard, at 360x740, light and dark; and a new deck picked among others.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser, Page } from 'playwright-core'
import { screenViolations } from './accessibility'
import { BASE_URL, launchBrowser, readStore, screenshot } from './browser'

interface DeckRow {
  id: string
  title: unknown
  origin: string
}
interface CardRow {
  id: string
  deckId: string
  origin: string
  content: Record<string, unknown>
}
interface ScheduleRow {
  cardId: string
  deckId: string
}

let browser: Browser
beforeAll(async () => {
  browser = await launchBrowser()
})
afterAll(async () => {
  await browser?.close()
})

async function own(page: Page) {
  const decks = (await readStore<DeckRow>(page, 'decks')).filter((d) => d.origin === 'user')
  const cards = (await readStore<CardRow>(page, 'cards')).filter((c) => c.origin === 'user')
  const schedules = (await readStore<ScheduleRow>(page, 'schedules')).filter((s) => cards.some((c) => c.id === s.cardId))
  return { decks, cards, schedules }
}

const focused = (page: Page) => page.evaluate(() => document.activeElement?.getAttribute('data-test') ?? document.activeElement?.tagName)

describe('a first card', () => {
  for (const colorScheme of ['light', 'dark'] as const) {
    it(`takes one screen from an empty learner, by keyboard, creating "Mes cartes" with it (${colorScheme})`, async () => {
      const context = await browser.newContext({ viewport: { width: 360, height: 740 }, locale: 'fr-FR', colorScheme })
      const page = await context.newPage()
      const errors: string[] = []
      page.on('pageerror', (e) => errors.push(e.message))
      const found: string[] = []

      await page.goto(`${BASE_URL}/browse`)
      await page.locator('[data-test="new-card"]').click()
      await page.waitForURL(/\/cards\/new$/)
      // No detour: the editor is there, the deck to be created is named and can be renamed.
      const deckTitle = page.locator('[data-test="editor-new-deck"]')
      await expect(deckTitle.inputValue()).resolves.toBe('Mes cartes')
      await expect(page.locator('[data-test="editor-deck"]').count()).resolves.toBe(0)
      await expect(page.getByLabel('Paquet', { exact: true }).inputValue()).resolves.toBe('Mes cartes')
      await expect(page.locator('#new-deck-help').innerText()).resolves.toMatch(/premier paquet, créé avec cette carte/)
      await screenshot(page, `editor-first-card-${colorScheme}`)
      found.push(...(await screenViolations(page, 'editor, first card')))

      // Keyboard only: from the deck's title through the kind to the front, the back, and save.
      await deckTitle.focus()
      await page.keyboard.press('Tab')
      await expect(focused(page)).resolves.toBe('kind-basic')
      await page.keyboard.press('Tab')
      await expect(focused(page)).resolves.toBe('field-front')
      await page.keyboard.type('Qu’est-ce qu’un OKR ?')
      await page.keyboard.press('Tab')
      await expect(focused(page)).resolves.toBe('field-back')
      await page.keyboard.type('Un objectif et ses résultats clés mesurables.')
      await page.locator('[data-test="editor-save"]').focus()
      await page.keyboard.press('Enter')
      await expect(page.locator('[data-test="editor-status"]').innerText()).resolves.toBe(
        'Paquet «\u202fMes cartes\u202f» créé, carte ajoutée. Vous pouvez écrire la suivante.',
      )
      // Ready for the next card, in the same deck, still on this screen.
      await expect(focused(page)).resolves.toBe('field-front')
      expect(page.url()).toMatch(/\/cards\/new$/)
      let mine = await own(page)
      expect(mine.decks.map((d) => d.title)).toEqual(['Mes cartes'])
      expect(mine.cards.map((c) => [c.deckId, c.content.front])).toEqual([[mine.decks[0]!.id, 'Qu’est-ce qu’un OKR ?']])
      expect(mine.schedules.map((s) => s.deckId)).toEqual([mine.decks[0]!.id])
      await expect(page.locator('[data-test="editor-deck"] option:checked').innerText()).resolves.toBe('Mes cartes')
      await expect(page.locator('[data-test="editor-new-deck"]').count()).resolves.toBe(0)
      await screenshot(page, `editor-first-card-saved-${colorScheme}`)
      found.push(...(await screenViolations(page, 'editor, after the first card')))

      await page.locator('[data-test="field-front"]').fill('Que veut dire MVP ?')
      await page.locator('[data-test="field-back"]').fill('Produit minimum viable.')
      await page.locator('[data-test="editor-save"]').click()
      await expect(page.locator('[data-test="editor-status"]').innerText()).resolves.toBe('Carte ajoutée. Vous pouvez écrire la suivante.')
      mine = await own(page)
      expect(mine.decks).toHaveLength(1)
      expect(mine.cards.map((c) => c.deckId)).toEqual([mine.decks[0]!.id, mine.decks[0]!.id])

      // Another new deck from the same select: an empty title is refused, nothing written.
      await page.locator('[data-test="editor-deck"]').selectOption({ label: 'Nouveau paquet…' })
      await expect(deckTitle.inputValue()).resolves.toBe('')
      await page.locator('[data-test="field-front"]').fill('Qu’est-ce que la discovery ?')
      await page.locator('[data-test="field-back"]').fill('Chercher quoi construire.')
      await page.locator('[data-test="editor-save"]').click()
      await expect(page.locator('#new-deck-errors').innerText()).resolves.toBe('Donnez un titre au nouveau paquet.')
      await expect(deckTitle.getAttribute('aria-invalid')).resolves.toBe('true')
      expect(await own(page)).toEqual(mine)
      found.push(...(await screenViolations(page, 'editor, new deck without a title')))
      await deckTitle.fill('Discovery')
      await page.locator('[data-test="editor-save"]').click()
      await expect(page.locator('[data-test="editor-status"]').innerText()).resolves.toMatch(/^Paquet «\u202fDiscovery\u202f» créé/)
      mine = await own(page)
      expect(mine.decks.map((d) => d.title).sort()).toEqual(['Discovery', 'Mes cartes'])
      expect(mine.cards).toHaveLength(3)

      expect(found).toEqual([])
      expect(errors).toEqual([])
      await context.close()
    })
  }

  it('shows the same editor on a 1280x800 desktop, beside its preview', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'fr-FR' })
    const page = await context.newPage()
    await page.goto(`${BASE_URL}/cards/new`)
    await expect(page.locator('[data-test="editor-new-deck"]').inputValue()).resolves.toBe('Mes cartes')
    await page.locator('[data-test="field-front"]').fill('Qu’est-ce qu’un **OKR** ?')
    await page.locator('[data-test="preview"] [data-test="front"] strong').waitFor()
    const [form, preview] = await Promise.all([page.locator('[data-test="editor"]').boundingBox(), page.locator('[data-test="preview"]').boundingBox()])
    expect(preview!.x).toBeGreaterThan(form!.x + form!.width - 1)
    await screenshot(page, 'editor-first-card-desktop')
    expect(await screenViolations(page, 'editor desktop')).toEqual([])
    await context.close()
  })
})
