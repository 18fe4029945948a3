// The learner's own cards, Browse and safe rendering, in real Chromium: decks and cards with a live
// preview, study, search and filters, bulk actions, card detail, TSV export and CSV import (good
// and bad files), leeches, an XSS check, and Browse with 10,000 cards.
import { readFileSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { screenViolations } from './accessibility'
import { BASE_URL, launchBrowser, readStore, screenshot } from './browser'

interface CardRow {
  id: string
  deckId: string
  origin: string
  tags: string[]
  source: string
  content: Record<string, unknown>
}
interface ScheduleRow {
  cardId: string
  deckId: string
  state: number
  suspended: boolean
  flag?: number
  lapses: number
}
interface ReviewRow {
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

const STORES = ['decks', 'cards', 'schedules', 'reviews', 'settings', 'meta', 'mockInterviews']
/** Every store of the database, for before/after comparisons. */
async function dump(page: Page) {
  const out: Record<string, unknown[]> = {}
  for (const s of STORES) out[s] = await readStore(page, s)
  return out
}

async function newPage(viewport = { width: 360, height: 740 }): Promise<{ context: BrowserContext; page: Page; errors: string[] }> {
  const context = await browser.newContext({ viewport, locale: 'fr-FR' })
  const page = await context.newPage()
  const errors: string[] = []
  page.on('pageerror', (e) => errors.push(e.message))
  return { context, page, errors }
}

/** Creates a user deck through the decks page; returns its id (the page is left on the deck). */
async function createDeck(page: Page, title: string): Promise<string> {
  await page.goto(`${BASE_URL}/decks`)
  await page.locator('#new-deck').fill(title)
  await page.locator('[data-test="create-deck"] button[type="submit"]').click()
  await page.waitForURL(/\/decks\/[^/]+\/edit$/)
  await page.locator('h1', { hasText: title }).waitFor()
  return page.url().split('/decks/')[1]!.replace('/edit', '')
}

const a11y = screenViolations

/** A TSV field quoted as Anki and spreadsheets do when it holds a tab, a quote or a line break. */
const field = (s: string) => (/[\t"\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s)
const tsv = (rows: string[][]) => rows.map((r) => r.map(field).join('\t')).join('\n') + '\n'

async function importFile(page: Page, name: string, content: Buffer | string) {
  await page.locator('[data-test="import-file"]').setInputFiles({ name, mimeType: 'text/plain', buffer: Buffer.isBuffer(content) ? content : Buffer.from(content, 'utf8') })
}

const count = async (page: Page) => (await page.locator('[data-test="count"]').innerText()).trim()

describe('the learner\'s own cards and Browse', () => {
  it('creates a deck, adds basic and cloze cards with a live preview, studies one, browses, bulk-suspends and opens a card', async () => {
    const { context, page, errors } = await newPage()
    const found: string[] = []
    await page.goto(`${BASE_URL}/decks`)
    await page.locator('#new-deck').waitFor()
    await screenshot(page, 'decks')
    found.push(...(await a11y(page, 'decks')))
    const deckId = await createDeck(page, 'Mes cartes PM')
    found.push(...(await a11y(page, 'deck')))

    // A basic card: Markdown rendered in the preview as the review screen will show it.
    await page.locator('[data-test="add-card"]').click()
    await page.locator('[data-test="field-front"]').fill('Qu’est-ce qu’un **PM** ?')
    await page.locator('[data-test="field-back"]').fill('Le *responsable* du produit :\n\n- vision\n- priorisation')
    await page.locator('[data-test="field-tags"]').fill('role pm')
    await expect(page.locator('[data-test="preview"] [data-test="front"] strong').innerText()).resolves.toBe('PM')
    await page.locator('[data-test="preview-toggle"]').click()
    await expect(page.locator('[data-test="preview"] [data-test="back"] li').allInnerTexts()).resolves.toEqual(['vision', 'priorisation'])
    await page.locator('[data-test="preview"]').scrollIntoViewIfNeeded()
    await screenshot(page, 'editor-preview')
    await page.evaluate(() => window.scrollTo(0, 0))
    await screenshot(page, 'editor')
    found.push(...(await a11y(page, 'editor')))
    await page.locator('[data-test="editor-save"]').click()
    await expect(page.locator('[data-test="editor-status"]').innerText()).resolves.toMatch(/Carte ajoutée/)
    await expect(page.locator('[data-test="field-front"]').inputValue()).resolves.toBe('')

    // A cloze: the preview hides the asked gap; an empty save names the field.
    await page.locator('[data-test="kind-cloze"]').check()
    await page.locator('[data-test="editor-save"]').click()
    await expect(page.locator('#front-errors').innerText()).resolves.toMatch(/vide/)
    await page.locator('[data-test="field-front"]').fill('Le {{c1::PO}} affine le {{c2::backlog::liste}}.')
    await page.locator('[data-test="field-back"]').fill('Scrum')
    await page.locator('[data-test="preview-toggle"]').click()
    await expect(page.locator('[data-test="preview"] .cloze--ask').innerText()).resolves.toMatch(/\[…\]/)
    await page.locator('[data-test="editor-save"]').click()
    await expect(page.locator('[data-test="editor-status"]').innerText()).resolves.toMatch(/Carte ajoutée/)

    const cards = (await readStore<CardRow>(page, 'cards')).filter((c) => c.deckId === deckId)
    expect(cards.map((c) => c.content.kind).sort()).toEqual(['basic', 'cloze', 'cloze'])
    expect(cards.every((c) => c.origin === 'user')).toBe(true)
    const basicId = cards.find((c) => c.content.kind === 'basic')!.id
    expect((await readStore<ScheduleRow>(page, 'schedules')).filter((s) => s.deckId === deckId)).toHaveLength(3)

    // Study one card of the deck: the review screen renders the user's Markdown.
    await page.goto(`${BASE_URL}/review/${deckId}`)
    await page.locator('[data-test="show-answer"]').waitFor()
    const studied = (await page.locator('article.card').getAttribute('data-card-id'))!
    await page.locator('[data-test="show-answer"]').click()
    await page.locator('[data-grade="3"]').click()
    await page.waitForFunction((id) => document.querySelector('article.card')?.getAttribute('data-card-id') !== id, studied)
    expect((await readStore<ReviewRow>(page, 'reviews')).map((r) => r.cardId)).toEqual([studied])
    // The home screen lists the new deck.
    await page.goto(`${BASE_URL}/`)
    await page.locator(`[data-deck="${deckId}"]`).waitFor()

    // Browse: all cards, then search and filters.
    await page.goto(`${BASE_URL}/browse`)
    await page.waitForFunction(() => /138 cartes/.test(document.querySelector('[data-test="count"]')?.textContent ?? ''))
    await page.locator('[data-test="search"]').fill('affine backlog')
    await expect(count(page)).resolves.toBe('2 cartes')
    await page.locator('[data-test="search"]').fill('')
    await page.locator('[data-test="filters"] summary').click()
    await page.locator('[data-test="filter-deck"]').selectOption(deckId)
    await page.waitForFunction(() => /^3 cartes$/.test(document.querySelector('[data-test="count"]')?.textContent?.trim() ?? ''))
    await page.locator('[data-test="filter-state"]').selectOption('learning')
    await page.waitForFunction(() => /^1 carte$/.test(document.querySelector('[data-test="count"]')?.textContent?.trim() ?? ''))
    await page.locator('[data-test="filter-state"]').selectOption({ index: 0 })
    await page.locator('[data-test="filter-kind"]').selectOption('cloze')
    await expect(count(page)).resolves.toBe('2 cartes')
    await page.locator('[data-test="filter-kind"]').selectOption({ index: 0 })
    await page.locator('[data-test="filters"] summary').click()
    await page.waitForFunction(() => /^3 cartes$/.test(document.querySelector('[data-test="count"]')?.textContent?.trim() ?? ''))
    await screenshot(page, 'browse')
    found.push(...(await a11y(page, 'browse')))

    // Bulk: select the three cards, suspend them in one go.
    await page.locator('[data-test="select-all"]').check()
    await expect(page.locator('[data-test="selected-count"]').innerText()).resolves.toBe('· 3 sélectionnées')
    await page.locator('[data-test="bulk-action"]').selectOption('suspend')
    await page.locator('[data-test="bulk-apply"]').click()
    await expect(page.locator('[data-test="bulk-status"]').innerText()).resolves.toBe('Suspendre : 3 cartes.')
    const suspended = (await readStore<ScheduleRow>(page, 'schedules')).filter((s) => s.deckId === deckId)
    expect(suspended.map((s) => s.suspended)).toEqual([true, true, true])
    await page.locator('[data-test="filters"] summary').click()
    await page.locator('[data-test="filter-suspended"]').check()
    await expect(count(page)).resolves.toBe('3 cartes')
    await page.locator('[data-test="filter-suspended"]').uncheck()
    await page.locator('[data-test="filter-flagged"]').check()
    await expect(count(page)).resolves.toBe('0 carte') // French: 0 takes the singular
    await page.locator('[data-test="filter-flagged"]').uncheck()

    // Card detail of the studied card: content, source, memory state, history.
    await page.locator(`[data-card="${studied}"] a`).click()
    await page.locator('[data-test="facts"]').waitFor()
    await expect(page.locator('[data-test="state"]').innerText()).resolves.toBe('En apprentissage')
    await expect(page.locator('[data-test="stability"]').innerText()).resolves.toMatch(/^\d+(,\d)? j$/)
    await expect(page.locator('[data-test="difficulty"]').innerText()).resolves.toMatch(/\/ 10$/)
    await expect(page.locator('[data-test="retrievability"]').innerText()).resolves.toMatch(/%/)
    await expect(page.locator('[data-test="due"]').innerText()).resolves.toMatch(/\d{4}/)
    await expect(page.locator('[data-test="marks"]').innerText()).resolves.toBe('suspendue')
    await expect(page.locator('[data-test="history"] tbody tr').count()).resolves.toBe(1)
    await expect(page.locator('[data-test="history"] tbody td').nth(1).innerText()).resolves.toBe('Correct')
    await screenshot(page, 'browse-card')
    found.push(...(await a11y(page, 'card detail')))
    // Flag it from the detail page; the basic card is editable from its detail.
    await page.locator('[data-test="act-flag"]').click()
    await page.waitForFunction(() => document.querySelector('[data-test="marks"]')?.textContent?.includes('marquée'))
    expect((await readStore<ScheduleRow>(page, 'schedules')).find((s) => s.cardId === studied)?.flag).toBe(1)
    await page.goto(`${BASE_URL}/browse/card/${basicId}`)
    await page.locator('[data-test="edit"]').click()
    await expect(page.locator('[data-test="field-tags"]').inputValue()).resolves.toBe('role pm')
    await page.locator('[data-test="field-back"]').fill('Le responsable du produit.')
    await page.locator('[data-test="editor-save"]').click()
    await page.waitForURL(new RegExp(`/browse/card/${basicId}$`))
    expect((await readStore<CardRow>(page, 'cards')).find((c) => c.id === basicId)?.content.back).toBe('Le responsable du produit.')

    expect(found).toEqual([])
    expect(errors).toEqual([])
    await context.close()
  })

  it('exports a deck as TSV (a download Anki reads) and imports CSV, refusing bad files without touching the data', async () => {
    const { context, page, errors } = await newPage()
    const deckId = await createDeck(page, 'Import')

    // A good CSV with a header row, a quoted field with a comma and a line break, a cloze and tags.
    await importFile(page, 'cartes.csv', 'Recto,Verso,Tags\n"PM, PO ?","Deux rôles\ndistincts",role\nMVP ?,Produit minimum viable,\n"Le {{c1::PO}} gère le backlog",,scrum\n')
    await page.locator('[data-test="import-preview"]').waitFor()
    await expect(page.locator('[data-test="import-summary"]').innerText()).resolves.toBe('3 lignes lues : 3 à ajouter, 0 doublon(s) déjà présent(s), ignoré(s).')
    await expect(page.locator('[data-test="import-preview"] tbody tr').count()).resolves.toBe(3)
    await expect(page.locator('[data-test="import-header"]').isChecked()).resolves.toBe(true)
    await screenshot(page, 'import-preview')
    await page.locator('[data-test="import-submit"]').click()
    await expect(page.locator('[data-test="import-status"]').innerText()).resolves.toBe('3 cartes importées.')
    const imported = (await readStore<CardRow>(page, 'cards')).filter((c) => c.deckId === deckId)
    expect(imported.map((c) => c.content.kind).sort()).toEqual(['basic', 'basic', 'cloze'])
    expect(imported.every((c) => c.source === 'cartes.csv')).toBe(true)

    // Export: a download with Anki's header lines, one note per line.
    const [download] = await Promise.all([page.waitForEvent('download'), page.locator('[data-test="export"]').click()])
    expect(download.suggestedFilename()).toBe('import.tsv')
    const text = readFileSync((await download.path())!, 'utf8')
    expect(text.split('\n').slice(0, 5)).toEqual(['#separator:tab', '#html:false', '#notetype column:1', '#deck:Import', '#tags column:4'])
    expect(text).toContain('Basic\tPM, PO ?\t"Deux rôles\ndistincts"\trole\n')
    expect(text).toContain('Cloze\tLe {{c1::PO}} gère le backlog\t\tscrum\n')
    // Importing the export again finds every note already there.
    await importFile(page, 'import.tsv', text)
    await expect(page.locator('[data-test="import-summary"]').innerText()).resolves.toMatch(/0 à ajouter, 3 doublon/)

    // Bad files: each gets a clear message and the database stays exactly as it was.
    const many = Array.from({ length: 10_001 }, (_, i) => `Q${i}\tA${i}`).join('\n')
    const bad: Array<{ what: string; name: string; content: Buffer | string; expect: RegExp }> = [
      { what: 'wrong column count (1 and 4 columns)', name: 'colonnes.tsv', content: 'Q1\tA1\nune seule colonne\nQ3\tA3\ttag\tdébordement\n', expect: /Ligne 2 : 1 colonne\(s\) au lieu de 2 ou 3[\s\S]*Ligne 3 : 4 colonne\(s\)/ },
      { what: 'non-UTF-8 (Windows-1252)', name: 'latin1.csv', content: Buffer.from([...Buffer.from('Recto;Verso\nR'), 0xf4, ...Buffer.from('le;Produit\n')]), expect: /pas en UTF-8 \(premier caractère illisible ligne 2\)/ },
      { what: 'empty file', name: 'vide.csv', content: '', expect: /Le fichier est vide/ },
      { what: 'blank lines only', name: 'blanc.csv', content: '\n  \n\t\n', expect: /Le fichier est vide/ },
      { what: 'header row only', name: 'entete.csv', content: 'front,back,tags\n', expect: /aucune carte/ },
      { what: 'huge row (a 20,000-character field)', name: 'enorme.tsv', content: `Q1\tA1\nQ2\t${'x'.repeat(20_000)}\n`, expect: /Ligne 2 : le verso fait 20 000 caractères \(maximum 10 000\)/ },
      { what: 'unclosed quote', name: 'guillemet.csv', content: 'Q1,A1\n"Q2,A2\nQ3,A3\n', expect: /Ligne 2 : un guillemet ouvert n’est jamais fermé/ },
      { what: 'UTF-16 file', name: 'utf16.txt', content: Buffer.from('\ufeffQ\tA\n', 'utf16le'), expect: /UTF-16/ },
      { what: 'binary file (a zipped .xlsx)', name: 'classeur.csv', content: Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x00, 0x00, 0x08, 0x00]), expect: /pas un fichier texte/ },
      { what: 'empty back', name: 'verso.csv', content: 'Q1,A1\nQ2,\n', expect: /Ligne 2 : le verso est vide/ },
      { what: 'empty front', name: 'recto.tsv', content: '\tA1\n', expect: /Ligne 1 : le recto est vide/ },
      { what: 'tag with punctuation', name: 'tags.tsv', content: 'Q1\tA1\tok pas,bon\n', expect: /Ligne 1 : le tag « pas,bon »/ },
      { what: 'broken cloze (Anki note-type column)', name: 'trous.txt', content: '#separator:tab\n#notetype column:1\nCloze\t{{c1::}} vide\t\n', expect: /Ligne 3 : texte à trous invalide \(gap c1 has an empty answer\)/ },
      { what: 'more than 10,000 rows', name: 'long.tsv', content: many, expect: /dépasse 10 000 lignes/ },
      { what: 'file over 10 MB (refused before reading)', name: 'gros.csv', content: Buffer.alloc(11 * 1024 * 1024, 0x61), expect: /pèse 11,5 Mo ; la limite est de 10 Mo/ },
    ]
    const before = await dump(page)
    const report: string[] = []
    for (const b of bad) {
      await importFile(page, b.name, b.content)
      const message = page.locator('[data-test="import-error"], [data-test="import-problems"]')
      await message.first().waitFor()
      const shown = (await message.first().innerText()).replace(/\s+/g, ' ').trim()
      expect(shown, b.what).toMatch(b.expect)
      await expect(page.locator('[data-test="import-submit"]').count()).resolves.toBe(0)
      report.push(`${b.what}: ${shown}`)
      expect(await dump(page), b.what).toEqual(before)
      // The next file starts from a clean input.
      await page.locator('[data-test="import-file"]').setInputFiles([])
    }
    await page.locator('[data-test="import-file"]').setInputFiles({ name: 'colonnes.tsv', mimeType: 'text/plain', buffer: Buffer.from(bad[0]!.content as string) })
    await page.locator('[data-test="import-problems"]').waitFor()
    await screenshot(page, 'import-errors')
    console.log(`bad CSV/TSV files tried (${report.length}):\n${report.map((r) => `  - ${r}`).join('\n')}`)
    expect(errors).toEqual([])
    await context.close()
  })

  it('renders card text holding script, event handlers, javascript: links and SVG as text or sanitised markup, and runs nothing', async () => {
    const { context, page, errors } = await newPage()
    const dialogs: string[] = []
    page.on('dialog', (d) => {
      dialogs.push(d.message())
      void d.dismiss()
    })
    const deckId = await createDeck(page, 'XSS')
    const payloads = [
      ['<script>alert("script")</script>Texte **gras**', 'Verso <img src=x onerror="alert(\'img\')">'],
      ['[clique ici](javascript:alert("md-link"))', '<a href="javascript:alert(\'a\')">lien</a>'],
      ['<svg onload="alert(\'svg\')"><circle r="5"></circle></svg>SVG', '<svg><script>alert("svg-script")</script></svg>'],
      ['<iframe src="javascript:alert(\'iframe\')"></iframe>Cadre', '<math><mtext><table><mglyph><style><img src=x onerror=alert("mxss")>'],
      ['<details open ontoggle="alert(\'details\')">D</details>', '![x](javascript:alert("md-img"))'],
      ['<a href="data:text/html,<script>alert(1)</script>">data</a>', '<form action="javascript:alert(1)"><button>go</button></form><style>body{display:none}</style>'],
      ['Trou {{c1::<img src=x onerror=alert("cloze")>}} et **gras**', '<object data="javascript:alert(1)"></object>Extra'],
    ]
    await importFile(page, 'xss.tsv', tsv(payloads))
    await page.locator('[data-test="import-submit"]').click()
    await page.locator('[data-test="import-status"]').waitFor()

    /** Anything that could run: in the card text as rendered, and any inline handler anywhere. */
    const injected = () =>
      page.evaluate(() => {
        // Where card text lands: rendered Markdown, the card sides, and Browse's text lines (not its checkboxes and links).
        const text = '[data-rich], article.card [data-test="front"], article.card [data-test="back"], .row__question, .row__meta'
        const found: string[] = []
        for (const root of document.querySelectorAll(text)) {
          for (const e of root.querySelectorAll('script, img, svg, iframe, object, embed, form, button, style, math, details, input')) found.push(e.outerHTML.slice(0, 80))
          for (const a of root.querySelectorAll<HTMLAnchorElement>('a[href]')) {
            if (!/^https?:/.test(a.getAttribute('href') ?? '')) found.push(a.outerHTML.slice(0, 80))
          }
        }
        for (const e of document.querySelectorAll('*')) {
          for (const attr of e.attributes) if (/^on/i.test(attr.name)) found.push(`${e.tagName}[${attr.name}]`)
        }
        return found
      })

    // Every card, front and back, on the review screen.
    await page.goto(`${BASE_URL}/review/${deckId}`)
    let strong = 0
    for (let i = 0; i < payloads.length; i++) {
      await page.locator('[data-test="show-answer"]').waitFor()
      await page.locator('[data-test="show-answer"]').click()
      await page.locator('[data-grade="4"]').waitFor()
      expect(await injected()).toEqual([])
      strong += await page.locator('article.card strong').count()
      if (i === 0) await screenshot(page, 'xss-review')
      await page.locator('[data-grade="4"]').click()
    }
    // Markdown emphasis survives the sanitiser (the cloze's **gras**; after a <script> line, CommonMark
    // keeps the rest of that line as raw HTML, which the sanitiser strips); the payloads do not.
    expect(strong).toBeGreaterThanOrEqual(1)
    await page.locator('#summary-title').waitFor()

    // Browse shows the raw text as text; the card detail renders it safely.
    await page.goto(`${BASE_URL}/browse?deck=${deckId}`)
    await page.waitForFunction(() => /^7 cartes$/.test(document.querySelector('[data-test="count"]')?.textContent?.trim() ?? ''))
    expect(await page.locator('.browse__list').innerText()).toContain('<script>alert("script")</script>Texte gras')
    expect(await injected()).toEqual([])
    const ids = (await readStore<CardRow>(page, 'cards')).filter((c) => c.deckId === deckId).map((c) => c.id)
    for (const id of ids) {
      await page.goto(`${BASE_URL}/browse/card/${id}`)
      // A back made only of payloads is empty once sanitised: attached, not visible.
      await page.locator('article.card [data-test="back"]').waitFor({ state: 'attached' })
      expect(await injected()).toEqual([])
    }
    // And the editor's live preview of a payload.
    await page.goto(`${BASE_URL}/cards/${ids[0]}/edit`)
    await page.locator('[data-test="preview"] [data-test="front"]').waitFor()
    await page.locator('[data-test="field-front"]').fill('<img src=x onerror=alert("preview")><svg onload=alert(1)>**ok**')
    await page.locator('[data-test="preview"] [data-test="front"] strong').waitFor()
    expect(await injected()).toEqual([])

    expect(dialogs).toEqual([])
    expect(errors).toEqual([])
    await context.close()
  })

  it('tags and suspends a leech on its 8th lapse, with a notice on the review screen', async () => {
    const { context, page } = await newPage()
    const deckId = await createDeck(page, 'Sangsue')
    await importFile(page, 'l.tsv', 'Carte difficile\tRéponse\n')
    await page.locator('[data-test="import-submit"]').click()
    await page.locator('[data-test="import-status"]').waitFor()
    const [card] = (await readStore<CardRow>(page, 'cards')).filter((c) => c.deckId === deckId)
    // Seven lapses already, due now.
    await page.evaluate(
      (id) =>
        new Promise<void>((resolve, reject) => {
          const open = indexedDB.open('pm-cards')
          open.onsuccess = () => {
            const tx = open.result.transaction('schedules', 'readwrite')
            const store = tx.objectStore('schedules')
            const get = store.get(id)
            get.onsuccess = () => {
              const now = Date.now()
              store.put({ ...get.result, state: 2, stability: 2, difficulty: 8, reps: 30, lapses: 7, due: now - 1000, lastReview: now - 2 * 86_400_000, scheduledDays: 2, version: get.result.version + 1 })
            }
            tx.oncomplete = () => {
              open.result.close()
              resolve()
            }
            tx.onerror = () => reject(tx.error)
          }
        }),
      card!.id,
    )
    await page.goto(`${BASE_URL}/review/${deckId}`)
    await page.locator('[data-test="show-answer"]').click()
    await page.locator('[data-grade="1"]').click()
    await expect(page.locator('[data-test="notice"]').innerText()).resolves.toMatch(/sangsue.*suspendue/)
    await page.locator('#summary-title').waitFor()
    const schedule = (await readStore<ScheduleRow>(page, 'schedules')).find((s) => s.cardId === card!.id)!
    expect(schedule).toMatchObject({ lapses: 8, suspended: true })
    expect((await readStore<CardRow>(page, 'cards')).find((c) => c.id === card!.id)?.tags).toEqual(['leech'])
    await page.goto(`${BASE_URL}/browse`)
    await page.locator('[data-test="filters"] summary').click()
    await page.locator('[data-test="filter-leech"]').check()
    await expect(count(page)).resolves.toBe('1 carte')

    // The rule is a setting: threshold and action, saved like the others.
    await page.goto(`${BASE_URL}/settings`)
    await page.locator('#leech-threshold').fill('5')
    await page.locator('#leech-threshold').press('Tab')
    await page.locator('#leech-action').selectOption('tag')
    await page.waitForFunction(async () => {
      const rows = await new Promise<Array<{ key: string; value: { leechThreshold?: number; leechAction?: string } }>>((resolve) => {
        const open = indexedDB.open('pm-cards')
        open.onsuccess = () => {
          const req = open.result.transaction('settings').objectStore('settings').getAll()
          req.onsuccess = () => {
            open.result.close()
            resolve(req.result)
          }
        }
      })
      const s = rows.find((r) => r.key === 'settings')?.value
      return s?.leechThreshold === 5 && s.leechAction === 'tag'
    })
    await page.locator('[data-test="leech-settings"]').scrollIntoViewIfNeeded()
    await screenshot(page, 'settings-leech')
    await context.close()
  })
})

describe('Browse with 10,000 cards', () => {
  it('loads, searches, scrolls and bulk-suspends without stalling', async () => {
    const { context, page, errors } = await newPage({ width: 1280, height: 800 })
    await page.goto(`${BASE_URL}/`)
    await page.locator('[data-test="total-counts"]').waitFor()
    // 10,000 cards of the learner's own in one deck, with every state.
    await page.evaluate(
      () =>
        new Promise<void>((resolve, reject) => {
          const open = indexedDB.open('pm-cards')
          open.onsuccess = () => {
            const db = open.result
            const tx = db.transaction(['decks', 'cards', 'schedules'], 'readwrite')
            tx.objectStore('decks').put({ id: 'deck-perf', title: 'Dix mille', origin: 'user', contentHash: '', position: 1000, retired: false })
            const now = Date.now()
            const words = ['roadmap', 'discovery', 'backlog', 'métrique', 'persona', 'OKR', 'livraison', 'équipe']
            for (let i = 0; i < 10_000; i++) {
              const id = `u-perf${String(i).padStart(5, '0')}`
              const front = `Question ${i} sur ${words[i % 8]} et ${words[(i * 7) % 8]}`
              const content = { id, kind: 'basic', source: 'user', tags: [], front, back: `Réponse ${i}` }
              tx.objectStore('cards').put({ id, deckId: 'deck-perf', entryId: id, ord: 0, source: 'user', tags: i % 97 === 0 ? ['leech'] : [], position: i, hash: 'h', content, origin: 'user', retired: false })
              const state = i % 4
              tx.objectStore('schedules').put({
                cardId: id, deckId: 'deck-perf', position: i, due: state === 0 ? now : now + ((i % 40) - 10) * 86_400_000,
                stability: state === 0 ? 0 : 1 + (i % 50), difficulty: state === 0 ? 0 : 1 + (i % 9), elapsedDays: 0, scheduledDays: i % 40,
                learningSteps: 0, reps: state === 0 ? 0 : 1 + (i % 12), lapses: i % 9, state, lastReview: state === 0 ? null : now - 86_400_000,
                suspended: i % 50 === 0, buriedUntilDay: 0, retired: false, flag: i % 33 === 0 ? 1 : 0, version: 1,
              })
            }
            tx.oncomplete = () => {
              db.close()
              resolve()
            }
            tx.onerror = () => reject(tx.error)
          }
        }),
    )

    const navStart = Date.now()
    await page.goto(`${BASE_URL}/browse`)
    await page.waitForFunction(() => /10\u202f135 cartes/.test(document.querySelector('[data-test="count"]')?.textContent ?? ''))
    const firstPaintMs = Date.now() - navStart
    const rows = await page.locator('.browse__rows > li').count()
    expect(rows).toBeLessThan(60)
    const load = await page.evaluate(() => ['browse-read', 'browse-items', 'browse-load'].map((n) => performance.getEntriesByName(n)[0]?.duration ?? NaN))

    // Typing a search: time from the input event to the next painted frame, per keystroke.
    const typing = await page.evaluate(async () => {
      const input = document.querySelector<HTMLInputElement>('[data-test="search"]')!
      const out: number[] = []
      for (const text of ['d', 'di', 'dis', 'disc', 'disco', 'discovery', 'discovery e', 'discovery eq', 'discovery equipe']) {
        const start = performance.now()
        input.value = text
        input.dispatchEvent(new Event('input', { bubbles: true }))
        await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)))
        out.push(performance.now() - start)
      }
      return out
    })
    const filterMs = await page.evaluate(() => performance.getEntriesByName('browse-filter').map((e) => e.duration))
    await page.locator('[data-test="search"]').fill('')
    await page.waitForFunction(() => /10\u202f135 cartes/.test(document.querySelector('[data-test="count"]')?.textContent ?? ''))

    // Scrolling, measured in frames: a finger's fling (120 px a frame), then jumps of 5,000 px.
    // The page scrolls as a whole over the list (a window virtualizer).
    const scroll = await page.evaluate(async () => {
      const run = async (step: number, n: number) => {
        const frames: number[] = []
        let last = performance.now()
        for (let i = 0; i < n; i++) {
          window.scrollBy(0, step)
          await new Promise((r) => requestAnimationFrame(r))
          const now = performance.now()
          frames.push(now - last)
          last = now
        }
        frames.sort((a, b) => a - b)
        return { median: frames[Math.floor(n / 2)]!, p95: frames[Math.floor(n * 0.95)]!, max: frames[n - 1]! }
      }
      const fling = await run(120, 120)
      const jumps = await run(5000, 60)
      return { fling, jumps, rendered: document.querySelectorAll('.browse__rows > li').length }
    })
    expect(scroll.rendered).toBeLessThan(60)

    // One deck, loaded through the [deckId+state] index on a fresh visit; a state inside it is then
    // answered in memory.
    await page.goto(`${BASE_URL}/browse?deck=deck-perf`)
    await page.waitForFunction(() => /^10\u202f000 cartes$/.test(document.querySelector('[data-test="count"]')?.textContent?.trim() ?? ''))
    await page.waitForFunction(() => document.querySelector('[data-test="list"]')?.getAttribute('aria-busy') === 'false')
    const deckRead = await page.evaluate(() => performance.getEntriesByName('browse-load').map((e) => e.duration))
    await page.locator('[data-test="filters"] summary').click()
    const stateStart = Date.now()
    await page.locator('[data-test="filter-state"]').selectOption('review')
    await page.waitForFunction(() => /^2\u202f500 cartes$/.test(document.querySelector('[data-test="count"]')?.textContent?.trim() ?? ''))
    const stateMs = Date.now() - stateStart
    await page.locator('[data-test="filter-state"]').selectOption({ index: 0 })
    await page.waitForFunction(() => /^10\u202f000 cartes$/.test(document.querySelector('[data-test="count"]')?.textContent?.trim() ?? ''))

    // Suspend all 10,000 in one transaction.
    await page.locator('[data-test="select-all"]').check()
    await page.locator('[data-test="bulk-action"]').selectOption('suspend')
    const bulkStart = Date.now()
    await page.locator('[data-test="bulk-apply"]').click()
    await expect(page.locator('[data-test="bulk-status"]').innerText()).resolves.toMatch(/Suspendre : 9\u202f800 cartes\. 200 laissées/)
    const bulkMs = Date.now() - bulkStart
    const schedules = await readStore<ScheduleRow>(page, 'schedules')
    expect(schedules.filter((s) => s.deckId === 'deck-perf' && s.suspended)).toHaveLength(10_000)
    await screenshot(page, 'browse-10k')

    const f = (xs: number[]) => xs.map((x) => x.toFixed(0)).join(', ')
    const frames = (x: { median: number; p95: number; max: number }) => `median ${x.median.toFixed(1)} ms, p95 ${x.p95.toFixed(1)} ms, longest ${x.max.toFixed(1)} ms`
    console.log(
      [
        'Browse with 10,135 cards (10,000 seeded + 135 built-in), Chromium 1280x800:',
        `  open /browse until the count shows: ${firstPaintMs} ms (IndexedDB read ${f(load.slice(0, 1))} ms, items and sort ${f(load.slice(1, 2))} ms)`,
        `  rows in the DOM: ${rows} (virtualised)`,
        `  typing a search, input to the second frame after it (floor 2 frames = 33 ms): ${f(typing)} ms`,
        `  in-memory filter per keystroke: ${f(filterMs.slice(-typing.length))} ms`,
        `  scroll, fling 120 px a frame: ${frames(scroll.fling)}`,
        `  scroll, jumps of 5,000 px a frame: ${frames(scroll.jumps)} (${scroll.rendered} rows rendered)`,
        `  fresh visit filtered on the deck (index [deckId+state]): ${f(deckRead)} ms; then a state filter in memory: ${stateMs} ms`,
        `  suspend 10,000 selected cards (one transaction, list updated in place): ${bulkMs} ms`,
      ].join('\n'),
    )
    // Generous: this catches a list rebuilt per keystroke, not a slow CI; the numbers are printed.
    expect(Math.max(...typing)).toBeLessThan(1000)
    expect(errors).toEqual([])
    await context.close()
  }, 120_000)
})
