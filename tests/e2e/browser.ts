// Launches Debian's Chromium through playwright-core: never a downloaded browser, never a silent skip.
import { mkdirSync } from 'node:fs'
import { resolve } from 'node:path'
import { chromium, type Browser, type Page } from 'playwright-core'
import { browserHere } from './find-browser.mjs'
import { E2E_PORT } from './global-setup'

export const BASE_URL = `http://127.0.0.1:${E2E_PORT}`
export const SCREENSHOT_DIR = resolve(import.meta.dirname, '../../test-results/screenshots')

/** The browser `npm test` found (or installed) before the end-to-end tests: see find-browser.mjs. */
export function chromiumPath(): string {
  const found = browserHere()
  if ('path' in found) return found.path
  throw new Error('error' in found ? found.error : `No Chromium found: run node tests/e2e/find-browser.mjs, which installs Debian's chromium.`)
}

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
]

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: chromiumPath(), args: CHROMIUM_ARGS })
}

export async function screenshot(page: Page, name: string) {
  mkdirSync(SCREENSHOT_DIR, { recursive: true })
  const size = page.viewportSize()
  await page.screenshot({ path: resolve(SCREENSHOT_DIR, `${name}-${size?.width}x${size?.height}.png`), fullPage: false })
}

/** Reads a whole object store of the app's IndexedDB, straight from the page. */
export function readStore<T = unknown>(page: Page, store: string): Promise<T[]> {
  return page.evaluate(
    (name) =>
      new Promise<T[]>((resolveRows, reject) => {
        const open = indexedDB.open('pm-cards')
        open.onerror = () => reject(open.error)
        open.onsuccess = () => {
          const db = open.result
          const req = db.transaction(name, 'readonly').objectStore(name).getAll()
          req.onsuccess = () => {
            db.close()
            resolveRows(req.result as T[])
          }
          req.onerror = () => reject(req.error)
        }
      }),
    store,
  )
}

/**
 * Waits until the review screen takes taps and keys: the double-tap guard (a setting, 400 ms by
 * default) disables the buttons of a card or an answer just shown, and ignores keys meanwhile.
 */
export async function untilReady(page: Page) {
  await page.waitForFunction(() => {
    const buttons = document.querySelectorAll<HTMLButtonElement>('[data-test="show-answer"], .grade')
    return buttons.length > 0 && [...buttons].every((b) => !b.disabled)
  })
}

/**
 * Waits until the built-in decks are in the app's IndexedDB. On a first visit home is drawn from
 * the build's manifest before they are written (the writes wait for that first screen): a test that
 * reads or changes the database after home appears waits for them first. One transaction writes
 * them all, so the first schedule seen means every one is there.
 */
export async function untilDecksWritten(page: Page, timeoutMs = 30_000) {
  const start = Date.now()
  while ((await readStore(page, 'schedules')).length === 0) {
    if (Date.now() - start > timeoutMs) throw new Error(`The built-in decks were not written within ${timeoutMs} ms`)
    await page.waitForTimeout(100)
  }
}

/** The tables a learner's data lives in (what a backup holds). */
export const DATA_TABLES = ['decks', 'cards', 'schedules', 'reviews', 'mockInterviews', 'settings', 'meta'] as const

/** Every row of the learner's data, table by table: compared before and after a refused change. */
export async function dumpData(page: Page): Promise<Record<string, unknown[]>> {
  const out: Record<string, unknown[]> = {}
  for (const t of DATA_TABLES) out[t] = await readStore(page, t)
  return out
}

/** Answers `n` cards of the review screen "Correct" by keyboard (a choice card: its first option). */
export async function answerCorrect(page: Page, n: number) {
  for (let i = 0; i < n; i++) {
    await page.waitForFunction(() => document.querySelector('article.card') && !document.querySelector('.grade'))
    const kind = await page.locator('article.card').getAttribute('data-kind')
    await untilReady(page)
    await page.keyboard.press(kind === 'choice' ? '1' : 'Space')
    await page.locator('[data-grade="3"]').waitFor()
    await untilReady(page)
    await page.keyboard.press('3')
  }
}

/** From home's "study all", answers `n` cards "Correct" and waits until the log holds `n` reviews. */
export async function studyFromHome(page: Page, n: number) {
  await page.goto(`${BASE_URL}/`)
  await page.locator('[data-test="study-all"]').click()
  await answerCorrect(page, n)
  // Runs in the page: Playwright sends the function's source, not its closure.
  await page.waitForFunction(
    (count) =>
      new Promise<boolean>((done) => {
        const open = indexedDB.open('pm-cards')
        open.onsuccess = () => {
          const req = open.result.transaction('reviews').objectStore('reviews').count()
          req.onsuccess = () => {
            open.result.close()
            done(req.result === count)
          }
        }
      }),
    n,
  )
}

/** Writes rows straight into the app's IndexedDB with the plain API, in chunks (no app code). */
export async function writeRows(page: Page, store: string, rows: unknown[], chunk = 5_000) {
  for (let i = 0; i < rows.length; i += chunk) {
    // Sent as JSON text: much faster than Playwright's structured argument transfer for big arrays.
    await page.evaluate(
      ({ store, json }) =>
        new Promise<void>((resolve, reject) => {
          const rows = JSON.parse(json) as unknown[]
          const open = indexedDB.open('pm-cards')
          open.onerror = () => reject(open.error)
          open.onsuccess = () => {
            const db = open.result
            const tx = db.transaction(store, 'readwrite', { durability: 'relaxed' })
            const os = tx.objectStore(store)
            for (const row of rows) os.put(row)
            tx.oncomplete = () => {
              db.close()
              resolve()
            }
            tx.onerror = () => reject(tx.error)
          }
        }),
      { store, json: JSON.stringify(rows.slice(i, i + chunk)) },
    )
  }
}
