// Sync between devices, end to end, with the real server of `npm start` (its own, on PGlite, so it
// can be killed): a phone (360x740) and a laptop study offline, reconnect and end with the same log
// and counts; an undo on one disappears on the other; a third profile joins by the link and gets
// everything; a wrong key gets nothing; the server killed during a push loses and doubles nothing.
import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { answerCorrect, launchBrowser, readStore, screenshot, untilDecksWritten } from './browser'
import { screenViolations } from './accessibility'
import { deriveSpaceSecrets, encodeSpaceKey, generateSpaceKey } from '../../src/sync/space-key'
import { keyFromJoinLink } from '../../src/sync/join-link'
import { decryptChange, encryptChange } from '../../src/sync/cipher'
import { envelope } from '../../src/domain/sync/records'
import { PROTOCOL_PATH } from '../../src/sync/protocol'

const ROOT = resolve(import.meta.dirname, '../..')
const PORT = Number(process.env.E2E_SYNC_PORT ?? Number(process.env.E2E_PORT ?? 4183) + 1)
const BASE = `http://127.0.0.1:${PORT}`
const dataDir = mkdtempSync(join(tmpdir(), 'pm-cards-sync-e2e-'))
let server: ChildProcess | undefined
let browser: Browser

async function startServer() {
  server = spawn('npx', ['tsx', 'server/main.ts'], {
    cwd: ROOT,
    stdio: 'ignore',
    detached: true,
    env: { ...process.env, PORT: String(PORT), DIST_DIR: process.env.E2E_DIST ?? 'dist', DATA_DIR: dataDir, DATABASE_URL: '' },
  })
  const start = Date.now()
  while (Date.now() - start < 90_000) {
    if (await fetch(`${BASE}/`).then((r) => r.ok, () => false)) return
    await new Promise((r) => setTimeout(r, 200))
  }
  throw new Error('the server did not start')
}
function killServer() {
  if (server?.pid) process.kill(-server.pid, 'SIGKILL')
  server = undefined
}

beforeAll(async () => {
  await startServer()
  browser = await launchBrowser()
}, 120_000)
afterAll(async () => {
  await browser?.close()
  killServer()
  rmSync(dataDir, { recursive: true, force: true })
})

async function device(viewport: { width: number; height: number }): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport, locale: 'fr-FR' })
  const page = await context.newPage()
  // Under the service worker, so that the app keeps working offline.
  await page.goto(`${BASE}/`)
  await page.evaluate(() => navigator.serviceWorker.ready)
  await page.reload()
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null)
  return { context, page }
}

async function study(page: Page, n: number) {
  await page.goto(`${BASE}/review`)
  await answerCorrect(page, n)
}

/** Sync now from the sync page, until nothing waits and no error shows. */
async function syncOn(page: Page) {
  if (!page.url().endsWith('/sync')) await page.goto(`${BASE}/sync`)
  await page.locator('[data-test="sync-now"]').waitFor()
  await page.waitForFunction(() => !(document.querySelector('[data-test="sync-now"]') as HTMLButtonElement).disabled)
  const before = Number(await page.locator('[data-test="sync-state"]').getAttribute('data-synced-at'))
  await page.locator('[data-test="sync-now"]').click()
  // A sync that completed after the click, with nothing left to send.
  await page.waitForFunction((since) => {
    const state = document.querySelector('[data-test="sync-state"]')
    return Number(state?.getAttribute('data-synced-at')) > since && /Aucune modification en attente/.test(document.querySelector('[data-test="sync-waiting"]')?.textContent ?? '')
  }, before)
}

/** Polls a condition read from the pages (IndexedDB), for up to 30 s. */
async function until(check: () => Promise<boolean>) {
  const start = Date.now()
  while (!(await check())) {
    if (Date.now() - start > 30_000) throw new Error('condition not met within 30 s')
    await new Promise((r) => setTimeout(r, 250))
  }
}

const reviewIds = async (page: Page) => (await readStore<{ id: string }>(page, 'reviews')).map((r) => r.id).sort()
const homeCounts = async (page: Page) => {
  await page.goto(`${BASE}/`)
  await page.locator('[data-test="total-counts"]').waitFor()
  return page.locator('[data-test="total-counts"]').innerText()
}

describe('sync between devices', () => {
  let phone: { context: BrowserContext; page: Page }
  let laptop: { context: BrowserContext; page: Page }
  let link = ''

  it('pairs a phone and a laptop by the link (QR code shown), then both study offline and converge', async () => {
    phone = await device({ width: 360, height: 740 })
    laptop = await device({ width: 1280, height: 800 })
    await phone.page.goto(`${BASE}/sync`)
    await phone.page.locator('[data-test="sync-create"]').waitFor()
    expect(await screenViolations(phone.page, 'sync-off')).toEqual([])
    await screenshot(phone.page, 'sync-off')
    await phone.page.locator('[data-test="sync-create"]').click()
    await phone.page.locator('[data-test="sync-show-link"]').click()
    await phone.page.locator('[data-test="sync-qr"]').waitFor()
    link = await phone.page.locator('[data-test="sync-link"]').inputValue()
    expect(link).toMatch(new RegExp(`^${BASE}/sync/join#key=[A-Za-z0-9_-]{43}$`))
    await phone.page.locator('[data-test="sync-qr"]').evaluate((el) => el.scrollIntoView({ block: 'center' }))
    await screenshot(phone.page, 'sync-pairing')
    expect(await screenViolations(phone.page, 'sync-pairing')).toEqual([])

    await laptop.page.goto(link)
    await laptop.page.locator('[data-test="sync-join-confirm"]').click()
    await laptop.page.locator('[data-test="sync-state"]').waitFor()
    // The key left the address bar once read.
    expect(laptop.page.url()).not.toContain('#key=')

    await phone.context.setOffline(true)
    await laptop.context.setOffline(true)
    await study(phone.page, 4)
    await study(laptop.page, 3)
    await phone.page.goto(`${BASE}/sync`)
    await phone.page.locator('[data-test="sync-now"]').click()
    await phone.page.locator('[data-test="sync-problem"], [data-test="sync-state"] strong').first().waitFor()
    await phone.page.waitForFunction(() => /Hors ligne/.test(document.querySelector('[data-test="sync-state"]')?.textContent ?? ''))
    await screenshot(phone.page, 'sync-error-offline')

    await phone.context.setOffline(false)
    await laptop.context.setOffline(false)
    await syncOn(phone.page)
    await syncOn(laptop.page)
    await syncOn(phone.page)
    await screenshot(phone.page, 'sync-state')
    const onPhone = await reviewIds(phone.page)
    expect(onPhone).toHaveLength(7)
    expect(await reviewIds(laptop.page)).toEqual(onPhone)
    // Cards never studied keep the due date their device gave them when it loaded the decks.
    const schedules = async (page: Page) =>
      (await readStore<{ cardId: string; due: number; stability: number; reps: number }>(page, 'schedules')).filter((s) => s.reps > 0).map((s) => [s.cardId, s.due, s.stability, s.reps])
    const a = await schedules(phone.page)
    const b = await schedules(laptop.page)
    expect(b.filter((row, i) => JSON.stringify(row) !== JSON.stringify(a[i])).map((row) => [row, a.find((x) => x[0] === row[0])])).toEqual([])
    expect(await homeCounts(laptop.page)).toBe(await homeCounts(phone.page))
  })

  it('takes an undo on one device off the other', async () => {
    await study(phone.page, 1)
    // The answer goes up by itself a few seconds after it.
    await until(async () => (await readStore(phone.page, 'reviews')).length === 8 && (await readStore(phone.page, 'syncOutbox')).length === 0)
    await syncOn(laptop.page)
    expect(await reviewIds(laptop.page)).toHaveLength(8)
    await phone.page.keyboard.press('u')
    await until(async () => (await readStore(phone.page, 'reviews')).length === 7 && (await readStore(phone.page, 'syncOutbox')).length === 0)
    await syncOn(laptop.page)
    expect(await reviewIds(laptop.page)).toEqual(await reviewIds(phone.page))
    expect(await reviewIds(laptop.page)).toHaveLength(7)
  })

  it("carries a card the learner writes on the laptop to the phone, and its deck's deletion back", async () => {
    const FRONT = 'Qu’est-ce qu’un OKR\u202f?'
    type OwnCard = { id: string; deckId: string; content: { front?: string } }
    type OwnDeck = { id: string; title: string | Record<string, string>; origin: string }
    const own = async (page: Page) => ({
      decks: (await readStore<OwnDeck>(page, 'decks')).filter((d) => d.origin === 'user'),
      cards: (await readStore<OwnCard>(page, 'cards')).filter((c) => c.content.front === FRONT),
    })
    await laptop.page.goto(`${BASE}/cards/new`)
    await laptop.page.locator('[data-test="field-front"]').fill(FRONT)
    await laptop.page.locator('[data-test="field-back"]').fill('Un objectif et ses résultats clés mesurables.')
    await laptop.page.locator('[data-test="editor-save"]').click()
    await laptop.page.waitForFunction(() => /carte ajoutée/.test(document.querySelector('[data-test="editor-status"]')?.textContent ?? ''))
    const written = await own(laptop.page)
    expect(written.cards).toHaveLength(1)
    await syncOn(laptop.page)
    await syncOn(phone.page)
    const received = await own(phone.page)
    expect(received.decks.map((d) => d.id)).toEqual(written.decks.map((d) => d.id))
    expect(received.cards.map((c) => [c.id, c.deckId])).toEqual(written.cards.map((c) => [c.id, c.deckId]))
    // The phone's learner sees it in Browse and studies it like any card.
    await phone.page.goto(`${BASE}/browse/card/${received.cards[0]!.id}`)
    await phone.page.waitForFunction((front) => document.querySelector('main')?.textContent?.includes(front), FRONT)

    // Deleted on the phone: gone from the laptop, deck, card and schedule.
    await phone.page.goto(`${BASE}/decks/${received.decks[0]!.id}/edit`)
    await phone.page.locator('[data-test="delete-deck"]').click()
    await phone.page.locator('[data-test="confirm-ok"]').click()
    await phone.page.waitForURL(/\/decks\?removed=/)
    await syncOn(phone.page)
    await syncOn(laptop.page)
    expect(await own(laptop.page)).toEqual({ decks: [], cards: [] })
    const deckId = written.decks[0]!.id
    expect((await readStore<{ deckId: string }>(laptop.page, 'schedules')).filter((r) => r.deckId === deckId)).toEqual([])
  })

  it('gives everything to a third profile that joins by the link, and nothing to a wrong key', async () => {
    const third = await device({ width: 1280, height: 800 })
    await third.page.goto(link)
    await third.page.locator('[data-test="sync-join-confirm"]').click()
    await third.page.locator('[data-test="sync-state"]').waitFor()
    await syncOn(third.page)
    expect(await reviewIds(third.page)).toEqual(await reviewIds(phone.page))
    expect(await homeCounts(third.page)).toBe(await homeCounts(phone.page))

    const stranger = await device({ width: 1280, height: 800 })
    await stranger.page.goto(`${BASE}/sync/join#key=${encodeSpaceKey(generateSpaceKey())}`)
    await stranger.page.locator('[data-test="sync-join-confirm"]').click()
    await stranger.page.locator('[data-test="sync-state"]').waitFor()
    await syncOn(stranger.page)
    expect(await reviewIds(stranger.page)).toEqual([])
    await third.context.close()
    await stranger.context.close()
  })

  it('loses and doubles nothing when the server is killed during a push', async () => {
    await phone.context.setOffline(true)
    await study(phone.page, 5)
    await phone.page.goto(`${BASE}/sync`)
    await phone.page.locator('[data-test="sync-now"]').waitFor()
    // Back online, the app pushes by itself: the server dies as the push reaches it.
    const pushed = phone.page.waitForRequest((r) => r.method() === 'POST' && r.url().includes('/changes'))
    await phone.context.setOffline(false)
    await pushed
    killServer()
    await phone.page.waitForFunction(() => /injoignable|inattendue/.test(document.querySelector('[data-test="sync-state"]')?.textContent ?? ''))
    await startServer()
    await syncOn(phone.page)
    await syncOn(laptop.page)
    const ids = await reviewIds(phone.page)
    expect(ids).toHaveLength(12)
    expect(await reviewIds(laptop.page)).toEqual(ids)

    // On the server: every answer once (the space read with the key, as a device would).
    const secrets = await deriveSpaceSecrets(keyFromJoinLink(link)!)
    const res = await fetch(`${BASE}${PROTOCOL_PATH}/spaces/${secrets.spaceId}/changes?after=0&limit=1000`, { headers: { authorization: `Bearer ${secrets.token}` } })
    const page = (await res.json()) as { changes: { id: string; body: string }[] }
    const reviews = new Map<string, number>()
    for (const change of page.changes) {
      const { r } = (await decryptChange(secrets.cipherKey, secrets.spaceId, change.id, change.body)) as { r: { k: string; id: string } }
      if (r.k === 'review') reviews.set(r.id, (reviews.get(r.id) ?? 0) + 1)
    }
    expect([...reviews.values()].every((n) => n === 1)).toBe(true)
    expect(new Set(page.changes.map((c) => c.id)).size).toBe(page.changes.length)
  })
  it('a backup restored on a device that syncs joins the space: the answers made since come back, none is sent twice', async () => {
    await phone.page.goto(`${BASE}/data`)
    await phone.page.locator('[data-test="device"] [data-count="cards"]').waitFor()
    const [download] = await Promise.all([phone.page.waitForEvent('download'), phone.page.locator('[data-test="export"]').click()])
    const file = join(dataDir, 'backup.json')
    await download.saveAs(file)
    await study(phone.page, 1)
    await syncOn(phone.page)
    await syncOn(laptop.page)
    const after = await reviewIds(laptop.page)
    expect(after).toHaveLength(13)

    // The phone goes back to the file (12 answers) with "replace".
    await phone.page.goto(`${BASE}/data`)
    await phone.page.locator('[data-test="device"] [data-count="cards"]').waitFor()
    await phone.page.locator('[data-test="import-file"]').setInputFiles(file)
    await phone.page.locator('[data-test="summary"], [data-test="problems"]').first().waitFor()
    expect(await phone.page.locator('[data-test="problems"]').count()).toBe(0)
    await expect(phone.page.locator('[data-test="import-syncing"]').innerText()).resolves.toMatch(/synchronise/)
    await phone.page.locator('[data-test="import-syncing"]').scrollIntoViewIfNeeded()
    await screenshot(phone.page, 'sync-restore-note')
    await phone.page.locator('[data-test="replace"]').click()
    await phone.page.locator('[data-test="confirm-ok"]').click()
    await phone.page.locator('[data-test="import-status"]', { hasText: 'Données restaurées' }).waitFor()
    await syncOn(phone.page)
    expect(await reviewIds(phone.page)).toEqual(after)
    await syncOn(laptop.page)
    expect(await reviewIds(laptop.page)).toEqual(after)
    expect(await homeCounts(phone.page)).toBe(await homeCounts(laptop.page))

    const secrets = await deriveSpaceSecrets(keyFromJoinLink(link)!)
    const res = await fetch(`${BASE}${PROTOCOL_PATH}/spaces/${secrets.spaceId}/changes?after=0&limit=1000`, { headers: { authorization: `Bearer ${secrets.token}` } })
    const reviews = new Map<string, number>()
    const removed = new Set<string>()
    for (const change of ((await res.json()) as { changes: { id: string; body: string }[] }).changes) {
      const { r } = (await decryptChange(secrets.cipherKey, secrets.spaceId, change.id, change.body)) as { r: { k: string; id: string } }
      if (r.k === 'review') reviews.set(r.id, (reviews.get(r.id) ?? 0) + 1)
      if (r.k === 'remove') removed.add(r.id)
    }
    // The restore sent no answer again (the one undone earlier is there with its undo).
    expect([...reviews.keys()].filter((id) => !removed.has(id)).sort()).toEqual(after)
    expect([...reviews.values()].every((n) => n === 1)).toBe(true)
  })
})

describe('a new device joining a space that holds a long history', () => {
  it('studies while the space arrives, says how far it is, and its answers are kept once', async () => {
    const REVIEWS = 2500
    // No service worker: the test holds the pull of the second page (Playwright sees the page's requests).
    const context = await browser.newContext({ viewport: { width: 360, height: 740 }, locale: 'fr-FR', serviceWorkers: 'block' })
    const page = await context.newPage()
    await page.goto(`${BASE}/`)
    await untilDecksWritten(page)
    const cards = (await readStore<{ cardId: string; deckId: string }>(page, 'schedules')).map((s) => [s.cardId, s.deckId] as const)

    // The space, as another device left it: answers on every built-in card, over the past months.
    const key = generateSpaceKey()
    const secrets = await deriveSpaceSecrets(key)
    const auth = { authorization: `Bearer ${secrets.token}` }
    const spaceUrl = `${BASE}${PROTOCOL_PATH}/spaces/${secrets.spaceId}`
    expect((await fetch(spaceUrl, { method: 'PUT', headers: auth })).ok).toBe(true)
    const t0 = Date.now() - 200 * 86_400_000
    for (let from = 0; from < REVIEWS; from += 500) {
      const changes = await Promise.all(
        Array.from({ length: 500 }, async (_, k) => {
          const n = from + k
          const [cardId, deckId] = cards[n % cards.length]!
          const id = `join-${n.toString().padStart(12, '0')}`
          const record = { k: 'review' as const, id: crypto.randomUUID(), cardId, deckId, grade: 3 as const, reviewedAt: t0 + n * 60 * 60_000, durationMs: 5000, wasNew: n < cards.length }
          return { id, body: await encryptChange(secrets.cipherKey, secrets.spaceId, id, envelope(record)) }
        }),
      )
      expect((await fetch(`${spaceUrl}/changes`, { method: 'POST', headers: { ...auth, 'content-type': 'application/json' }, body: JSON.stringify({ changes }) })).ok).toBe(true)
    }

    // The second page of the space waits while the learner studies.
    let release = () => {}
    const released = new Promise<void>((resolve) => (release = resolve))
    await page.route(/\/changes\?after=[1-9]/, async (route) => {
      await released
      await route.continue()
    })
    await page.goto(`${BASE}/sync/join#key=${encodeSpaceKey(key)}`)
    await page.locator('[data-test="sync-join-confirm"]').click()
    await page.locator('[data-test="sync-progress"]', { hasText: 'Récupération\u202f: 1\u202f000 / 2\u202f500 modifications' }).waitFor()
    // Not yet synced, and it says so once: no "Synchronisé avec vos autres appareils." above the progress.
    expect(await page.locator('[data-test="sync-headline"]').innerText()).toBe('Pas encore synchronisé.')
    expect(await page.locator('[data-test="sync-state"]').innerText()).not.toContain('Synchronisé avec')
    // The app bar's indicator is there at once, on this page (it used to wait for the next navigation).
    await page.locator('header [data-test="sync-badge"]').waitFor()
    await screenshot(page, 'sync-join-progress')

    // Studying goes on (in the app: a page load would stop the join, not lose it); the indicator says how far.
    await page.locator('a[href="/"]').first().click()
    expect(await page.locator('[data-test="sync-badge"]').getAttribute('aria-label')).toContain('1\u202f000 / 2\u202f500')
    expect(await page.locator('[data-test="sync-badge-progress"]').innerText()).toMatch(/^40\s%$/)
    await page.locator('[data-test="study-all"]').click()
    await answerCorrect(page, 2)
    release()
    await page.locator('[data-test="sync-badge"]').click()
    await page.waitForFunction(() => Number(document.querySelector('[data-test="sync-state"]')?.getAttribute('data-synced-at')) > 0 && !document.querySelector('[data-test="sync-progress"]'))
    await syncOn(page)

    // On the device and on the server: the space's answers and the two given during the join, each once.
    expect(await reviewIds(page)).toHaveLength(REVIEWS + 2)
    const counted = new Map<string, number>()
    for (let after = 0, more = true; more; ) {
      const res = (await (await fetch(`${spaceUrl}/changes?after=${after}&limit=1000`, { headers: auth })).json()) as { changes: { seq: number; id: string; body: string }[]; more: boolean }
      for (const change of res.changes) {
        const { r } = (await decryptChange(secrets.cipherKey, secrets.spaceId, change.id, change.body)) as { r: { k: string; id: string } }
        if (r.k === 'review') counted.set(r.id, (counted.get(r.id) ?? 0) + 1)
      }
      after = res.changes.at(-1)?.seq ?? after
      more = res.more
    }
    expect(counted.size).toBe(REVIEWS + 2)
    expect([...counted.values()].every((n) => n === 1)).toBe(true)
    expect([...counted.keys()].sort()).toEqual(await reviewIds(page))

    // Stopping sync on this device: the indicator leaves the app bar at once, the answers stay.
    await page.locator('[data-test="sync-leave"]').click()
    await page.locator('[data-test="sync-off"]').waitFor()
    await page.locator('header [data-test="sync-badge"]').waitFor({ state: 'detached' })
    expect(await reviewIds(page)).toHaveLength(REVIEWS + 2)
    await context.close()
  }, 180_000)
})
