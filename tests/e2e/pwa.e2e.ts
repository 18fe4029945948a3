// Offline on a phone: the service worker serves everything after one visit, answers made offline
// are kept, Chromium sees an installable app, and a new version waits for the learner's click.
import { spawnSync } from 'node:child_process'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { chromium, type Browser, type Page } from 'playwright-core'
import { answerCorrect, BASE_URL, CHROMIUM_ARGS, chromiumPath, launchBrowser, readStore, screenshot } from './browser'
import { startStaticServer } from './static-server'

const ROOT = resolve(import.meta.dirname, '../..')
let browser: Browser

beforeAll(async () => {
  browser = await launchBrowser()
})
afterAll(async () => {
  await browser?.close()
})

/** First visit installs the worker; a reload puts the page under its control. */
async function underServiceWorker(page: Page, url: string) {
  await page.goto(url)
  await page.evaluate(() => navigator.serviceWorker.ready)
  await page.reload()
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null)
}

describe('offline', () => {
  it('works with no network after one visit, and keeps what was studied offline', async () => {
    const context = await browser.newContext({ viewport: { width: 360, height: 740 }, locale: 'fr-FR' })
    const page = await context.newPage()
    await underServiceWorker(page, `${BASE_URL}/`)

    await context.setOffline(true)
    await page.reload()
    await page.locator('[data-test="total-counts"]').waitFor()
    await page.locator('[data-test="offline"]').waitFor()
    await screenshot(page, 'offline-home')
    await page.locator('[data-test="study-all"]').click()
    await answerCorrect(page, 3)
    // Lazy routes were precached too.
    await page.goto(`${BASE_URL}/settings`)
    await page.locator('[data-test="settings-form"]').waitFor()

    await page.reload()
    await page.locator('[data-test="settings-form"]').waitFor()
    expect(await readStore(page, 'reviews')).toHaveLength(3)

    await context.setOffline(false)
    await page.goto(`${BASE_URL}/`)
    await page.locator('[data-test="total-counts"]').waitFor()
    expect(await page.locator('[data-test="offline"]').count()).toBe(0)
    const reviews = await readStore<{ id: string }>(page, 'reviews')
    expect(reviews).toHaveLength(3)
    expect(new Set(reviews.map((r) => r.id)).size).toBe(3)
    await context.close()
  })
})

describe('installability', () => {
  it('has a manifest with the icons and no installability error', async () => {
    const userDataDir = mkdtempSync(join(tmpdir(), 'pm-cards-profile-'))
    const context = await chromium.launchPersistentContext(userDataDir, { executablePath: chromiumPath(), args: CHROMIUM_ARGS })
    try {
      const page = context.pages()[0] ?? (await context.newPage())
      await underServiceWorker(page, `${BASE_URL}/`)
      const cdp = await context.newCDPSession(page)
      const { installabilityErrors } = await cdp.send('Page.getInstallabilityErrors')
      expect(installabilityErrors).toEqual([])
      const manifest = await (await page.request.get(`${BASE_URL}/manifest.webmanifest`)).json()
      expect(manifest).toMatchObject({ lang: 'fr', display: 'standalone', start_url: '/', scope: '/', short_name: 'PM Cards' })
      const icons = manifest.icons as Array<{ sizes: string; purpose?: string; src: string }>
      expect(icons.map((i) => i.sizes)).toEqual(expect.arrayContaining(['192x192', '512x512']))
      expect(icons.some((i) => i.purpose === 'maskable')).toBe(true)
      for (const icon of icons) expect((await page.request.get(`${BASE_URL}/${icon.src}`)).status()).toBe(200)
      const apple = await page.locator('link[rel="apple-touch-icon"]').getAttribute('href')
      expect((await page.request.get(`${BASE_URL}${apple}`)).status()).toBe(200)
    } finally {
      await context.close()
    }
  })
})

describe('update', () => {
  it('offers a new version without reloading by itself, and applies it on click without losing a review', async () => {
    const next = join(ROOT, `${process.env.E2E_DIST ?? 'dist'}-update`)
    const built = spawnSync('npx', ['vite', 'build', '--outDir', next, '--emptyOutDir', '--logLevel', 'error'], {
      cwd: ROOT,
      env: { ...process.env, APP_BUILD_ID: 'e2e-update' },
      encoding: 'utf8',
    })
    expect(built.status, built.stderr).toBe(0)
    const server = await startStaticServer(join(ROOT, process.env.E2E_DIST ?? 'dist'))
    const context = await browser.newContext({ viewport: { width: 360, height: 740 }, locale: 'fr-FR' })
    try {
      const page = await context.newPage()
      await underServiceWorker(page, `${server.url}/`)
      const firstBuild = await page.evaluate(() => document.documentElement.dataset.build)
      await page.locator('[data-test="study-all"]').click()
      await answerCorrect(page, 1)
      // Mid-card when the new version arrives.
      await page.waitForFunction(() => document.querySelector('article.card') && !document.querySelector('.grade'))
      await page.evaluate(() => ((window as unknown as { stillHere: boolean }).stillHere = true))

      server.setRoot(next)
      await page.evaluate(async () => (await navigator.serviceWorker.getRegistration())?.update())
      await page.locator('[data-test="update-prompt"]').waitFor({ timeout: 20_000 })
      await expect(page.locator('[data-test="update-prompt"]').innerText()).resolves.toMatch(/Nouvelle version disponible\s+Mettre à jour/)
      await screenshot(page, 'update-prompt')
      await page.waitForTimeout(1000)
      expect(await page.evaluate(() => (window as unknown as { stillHere?: boolean }).stillHere)).toBe(true)
      expect(await page.evaluate(() => document.documentElement.dataset.build)).toBe(firstBuild)

      await Promise.all([page.waitForEvent('load'), page.locator('[data-test="update-apply"]').click()])
      await page.waitForFunction(() => document.documentElement.dataset.build === 'e2e-update')
      expect(await page.evaluate(() => (window as unknown as { stillHere?: boolean }).stillHere)).toBeUndefined()
      expect(await readStore(page, 'reviews')).toHaveLength(1)
    } finally {
      await context.close()
      await server.close()
    }
  }, 240_000) // it builds a second version of the app first
})
