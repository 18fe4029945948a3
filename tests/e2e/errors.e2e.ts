// Errors a learner can act on (issue 17, item 5), on a 360 px phone: a tampered backup and a broken
// CSV say what is wrong, where (the card's question, the line of the file) and what to do, the
// developer's words folded under "Détails"; a full disk while saving a card is said as such. Bad
// input and failed writes leave the data exactly as it was.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser, Page } from 'playwright-core'
import { screenViolations } from './accessibility'
import { BASE_URL, dumpData, launchBrowser, readStore, screenshot, studyFromHome } from './browser'

let browser: Browser

beforeAll(async () => {
  browser = await launchBrowser()
})
afterAll(async () => {
  await browser?.close()
})

const phone = (colorScheme: 'light' | 'dark' = 'light') =>
  browser.newContext({ viewport: { width: 360, height: 740 }, locale: 'fr-FR', acceptDownloads: true, colorScheme, hasTouch: true })

/** Brings a message's first line to the top of the screen, for its screenshot. */
const toTop = (page: Page, selector: string) => page.locator(selector).first().evaluate((el) => el.scrollIntoView({ block: 'start' }))

/** The disclosure's state and its summary's box. */
const detailsState = (page: Page) =>
  page.locator('[data-test="problem-details"]').evaluate((d) => {
    const box = d.querySelector('summary')!.getBoundingClientRect()
    return { open: (d as HTMLDetailsElement).open, height: box.height, width: box.width, shown: (d.querySelector('ul') as HTMLElement).checkVisibility() }
  })

describe('errors a learner can act on', () => {
  it('a tampered backup: the grade, the card’s question and the line, what to do; the path under “Détails”; nothing changes', async () => {
    const context = await phone()
    const page = await context.newPage()
    const pageErrors: string[] = []
    page.on('pageerror', (e) => pageErrors.push(e.message))
    await studyFromHome(page, 2)
    await page.goto(`${BASE_URL}/data`)
    await page.locator('[data-test="device"] [data-count="cards"]').waitFor()
    const [download] = await Promise.all([page.waitForEvent('download'), page.locator('[data-test="export"]').click()])
    const text = await (await import('node:fs/promises')).readFile((await download.path())!, 'utf8')
    // Hand-edited: the first review's grade becomes 9 (grades are 1 to 4).
    const lines = text.split('\n')
    const at = lines.findIndex((l) => l.startsWith('{') && l.includes('"grade":3') && l.includes('"afterVersion"'))
    lines[at] = lines[at]!.replace('"grade":3', '"grade":9')
    const review = JSON.parse(lines[at]!.replace(/,$/, '')) as { cardId: string }
    const card = (await readStore<{ id: string; content: { front?: { fr: string }; question?: { fr: string }; text?: { fr: string } } }>(page, 'cards')).find((c) => c.id === review.cardId)!
    const question = (card.content.front ?? card.content.question ?? card.content.text)!.fr
    const before = await dumpData(page)

    await page.locator('[data-test="import-file"]').setInputFiles({ name: 'pm-cards-backup-modifie.json', mimeType: 'application/json', buffer: Buffer.from(lines.join('\n')) })
    const problems = page.locator('[data-test="problems"]')
    await problems.waitFor()
    await expect(page.locator('[data-test="problem-what"]').first().innerText()).resolves.toBe('La note vaut 9, or ce doit être 1, 2, 3 ou 4.')
    const where = await page.locator('[data-test="problem-where"]').first().innerText()
    // The line as a text editor numbers it, and the card as the learner knows it.
    const named = new RegExp(`^Révision de la carte «\u202f(.+?)…?\u202f», ligne ${at + 1} du fichier$`).exec(where)
    expect(named, where).not.toBeNull()
    // Quoted as written, no-break spaces kept (no "?" alone on a line).
    expect(question.startsWith(named![1]!)).toBe(true)
    await expect(page.locator('[data-test="problem-todo"]').innerText()).resolves.toMatch(/^Ce fichier a été modifié ou abîmé\u202f: importez une autre sauvegarde/)
    // The developer's words are there, folded away.
    const shownText = await problems.innerText()
    expect(shownText).not.toContain('reviews[')
    expect(await detailsState(page)).toMatchObject({ open: false, shown: false })
    expect((await detailsState(page)).height).toBeGreaterThanOrEqual(44)
    await expect(page.locator('[data-test="merge"], [data-test="replace"]').count()).resolves.toBe(0)
    await toTop(page, '[data-test="problems"]')
    expect(await screenViolations(page, 'tampered backup, details closed')).toEqual([])
    await screenshot(page, 'error-backup-details-closed')

    await page.locator('[data-test="problem-details"] summary').tap()
    expect(await detailsState(page)).toMatchObject({ open: true, shown: true })
    await expect(page.locator('[data-test="problem-details"] ul').innerText()).resolves.toMatch(/^reviews\[\d+\]\.grade: Invalid type: Expected \(1 \| 2 \| 3 \| 4\) but received 9 \(id .+\)$/)
    await toTop(page, '[data-test="problems"]')
    expect(await screenViolations(page, 'tampered backup, details open')).toEqual([])
    await screenshot(page, 'error-backup-details-open')

    // A file whose format version was removed by hand: no « undefined » any more.
    const noVersion = text.replace('"formatVersion":1,', '')
    await page.locator('[data-test="import-file"]').setInputFiles({ name: 'sans-version.json', mimeType: 'application/json', buffer: Buffer.from(noVersion) })
    await page.locator('[data-test="problems"]', { hasText: 'sans-version.json' }).waitFor()
    const refused = await page.locator('[data-test="problems"]').innerText()
    expect(refused).toContain('La version du format manque ou n’existe pas')
    expect(refused).not.toContain('undefined')

    expect(await dumpData(page)).toEqual(before)
    expect(pageErrors).toEqual([])
    await context.close()
  }, 120_000)

  it('the same refusal in the dark theme, details open', async () => {
    const context = await phone('dark')
    const page = await context.newPage()
    await page.goto(`${BASE_URL}/data`)
    await page.locator('[data-test="device"] [data-count="cards"]').waitFor()
    const bad = JSON.stringify({ format: 'pm-cards-backup', formatVersion: 1, exportedAt: Date.now() - 60_000, counts: { decks: 0, cards: 0, schedules: 0, reviews: 1, mockInterviews: 0, settings: 0, meta: 0 }, tables: { decks: [], cards: [], schedules: [], reviews: [{}], mockInterviews: [], settings: [], meta: [] } })
    await page.locator('[data-test="import-file"]').setInputFiles({ name: 'abime.json', mimeType: 'application/json', buffer: Buffer.from(bad) })
    await page.locator('[data-test="problems"]').waitFor()
    await page.locator('[data-test="problem-details"] summary').tap()
    await toTop(page, '[data-test="problems"]')
    expect(await screenViolations(page, 'refused backup (dark)')).toEqual([])
    await screenshot(page, 'error-backup-details-open-dark')
    await context.close()
  })

  it('a broken CSV: each row says what to fix, its line and its front; the parser’s words under “Détails”', async () => {
    const context = await phone()
    const page = await context.newPage()
    await page.goto(`${BASE_URL}/decks`)
    await page.locator('#new-deck').fill('Import')
    await page.locator('[data-test="create-deck"] button[type="submit"]').click()
    await page.waitForURL(/\/decks\/[^/]+\/edit$/)
    const before = await dumpData(page)
    const csv = 'Recto\tVerso\nQu’est-ce qu’un MVP ?\t\n#rem\tok\nLe {{c1::}} décide\t\n'
    await page.locator('[data-test="import-file"]').setInputFiles({ name: 'cartes.tsv', mimeType: 'text/plain', buffer: Buffer.from(csv) })
    const problems = page.locator('[data-test="import-problems"]')
    await problems.waitFor()
    const items = await problems.locator('[data-test="problem"]').allInnerTexts()
    expect(items.map((s) => s.replace(/\s+/g, ' '))).toEqual([
      'Le verso est vide : écrivez la réponse (seul un texte à trous peut s’en passer). Ligne 2 du fichier : « Qu’est-ce qu’un MVP ? »',
      'Le trou c1 n’a pas de réponse : écrivez-la juste après « c1:: ». Ligne 4 du fichier : « Le {{c1::}} décide »',
    ])
    await expect(problems.locator('[data-test="problem-todo"]').innerText()).resolves.toMatch(/^Rien n’a été importé/)
    await problems.locator('[data-test="problem-details"] summary').tap()
    await expect(problems.locator('[data-test="problem-details"] ul').innerText()).resolves.toBe('line 4: gap c1 has an empty answer')
    await toTop(page, '[data-test="import-problems"]')
    expect(await screenViolations(page, 'broken CSV')).toEqual([])
    await screenshot(page, 'error-import-csv')
    expect(await dumpData(page)).toEqual(before)
    await context.close()
  })

  it('a full disk while saving a card: said as such, with what to do, and nothing half-written', async () => {
    const context = await phone()
    const page = await context.newPage()
    await page.goto(`${BASE_URL}/decks`)
    await page.locator('#new-deck').fill('Mes cartes')
    await page.locator('[data-test="create-deck"] button[type="submit"]').click()
    await page.waitForURL(/\/decks\/[^/]+\/edit$/)
    const deckId = page.url().split('/decks/')[1]!.replace('/edit', '')
    await page.goto(`${BASE_URL}/cards/new?deck=${deckId}`)
    await page.locator('[data-test="field-front"]').fill('Qu’est-ce qu’un PM ?')
    await page.locator('[data-test="field-back"]').fill('Le responsable du produit.')
    const before = await dumpData(page)
    // The disk fills up: IndexedDB refuses every write from now on.
    await page.evaluate(() => {
      const full = () => {
        throw new DOMException('The quota has been exceeded.', 'QuotaExceededError')
      }
      IDBObjectStore.prototype.put = full
      IDBObjectStore.prototype.add = full
    })
    await page.locator('[data-test="editor-save"]').click()
    const failure = page.locator('[data-test="save-failure"]')
    await failure.waitFor()
    const shown = (await failure.innerText()).replace(/\s+/g, ' ')
    expect(shown).toContain('La carte n’a pas été enregistrée.')
    expect(shown).toContain('L’espace de stockage de cet appareil est plein.')
    expect(shown).toContain('Libérez de la place')
    await failure.locator('summary').tap()
    await expect(failure.locator('[data-test="problem-details"] ul').innerText()).resolves.toContain('QuotaExceededError')
    await toTop(page, '[data-test="save-failure"]')
    expect(await screenViolations(page, 'editor, storage full')).toEqual([])
    await screenshot(page, 'error-editor-quota')
    // The draft is still there to save again once space is freed.
    await expect(page.locator('[data-test="field-front"]').inputValue()).resolves.toBe('Qu’est-ce qu’un PM ?')
    await page.reload()
    await page.locator('[data-test="editor"]').waitFor()
    expect(await dumpData(page)).toEqual(before)

    // A write no screen catches (renaming the deck): an app-wide notice says what happened, then goes.
    await page.goto(`${BASE_URL}/decks/${deckId}/edit`)
    await page.locator('form.rename input').waitFor()
    await page.evaluate(() => {
      IDBObjectStore.prototype.put = () => {
        throw new DOMException('The quota has been exceeded.', 'QuotaExceededError')
      }
    })
    await page.locator('form.rename input').fill('Mes cartes PM')
    await page.locator('form.rename button[type="submit"]').click()
    const unsaved = page.locator('[data-test="unsaved"]')
    await unsaved.waitFor()
    const said = (await unsaved.innerText()).replace(/\s+/g, ' ')
    expect(said).toContain('Cette modification n’a pas été enregistrée.')
    expect(said).toContain('L’espace de stockage de cet appareil est plein.')
    await page.locator('[data-test="unsaved-dismiss"]').click()
    await unsaved.waitFor({ state: 'detached' })
    expect((await readStore<{ id: string; title: unknown }>(page, 'decks')).find((d) => d.id === deckId)?.title).toBe('Mes cartes')
    await context.close()
  })
})
