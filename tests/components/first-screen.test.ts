// @vitest-environment happy-dom
// The first-screen gate: work home does not need (the first visit's deck writes, the service
// worker) waits until App says the screen is in the page and, for home, which draws in parts, until
// its last part is: its largest text is in a later part, and a download before it delays that paint.
import { flushPromises, mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createMemoryHistory, createRouter } from 'vue-router'
import { afterFirstScreen, drawingFirstScreen, holdUntilFirstScreen } from '../../src/app/first-screen'
import { clock } from '../../src/composables/clock'
import { getDb } from '../../src/db/database'
import { useAppStore } from '../../src/stores/app'
import HomeView from '../../src/views/HomeView.vue'
import { testI18n } from './i18n'

vi.mock('../../src/app/review-route', () => ({ prefetchReview: () => undefined, loadReviewView: () => Promise.resolve({}) }))

// Home's frames, drawn when the test says so: each afterPaint() waits for the next `paint()`.
const frames: Array<() => void> = []
vi.mock('../../src/composables/after-paint', () => ({ afterPaint: () => new Promise<void>((resolve) => frames.push(resolve)) }))
async function paint() {
  for (const resolve of frames.splice(0)) resolve()
  await flushPromises()
}

const NOW = Date.parse('2026-11-27T10:00:00+01:00')

beforeEach(() => {
  vi.spyOn(clock, 'now').mockReturnValue(NOW)
  setActivePinia(createPinia())
})
afterEach(async () => {
  vi.restoreAllMocks()
  await Promise.all(getDb().tables.map((t) => t.clear()))
})

const Empty = { template: '<div />' }
const ROUTES = [
  { path: '/', name: 'home', component: HomeView },
  { path: '/review/:deckId?', name: 'review', component: Empty },
  { path: '/settings', name: 'settings', component: Empty },
]

/** Home on its route, as the app's first screen (its frames drawn by `paint()`). */
async function mountHome() {
  const router = createRouter({ history: createMemoryHistory(), routes: ROUTES })
  await router.push('/')
  return mount(HomeView, { global: { plugins: [testI18n(), router], stubs: { HomeInterviewPlan: true, HomeBackupReminder: true } } })
}

/** Resolves true once afterFirstScreen() has, false if it has not after `ms`. */
function opensWithin(waiting: Promise<void>, ms = 300): Promise<boolean> {
  return Promise.race([waiting.then(() => true), new Promise<boolean>((r) => setTimeout(() => r(false), ms))])
}

describe('the first-screen gate', () => {
  it('opens when App says its screen is shown, if no screen is still drawing', async () => {
    const shown = holdUntilFirstScreen()
    const waiting = afterFirstScreen()
    expect(await opensWithin(waiting)).toBe(false)
    shown()
    expect(await opensWithin(waiting)).toBe(true)
  })

  it('stays closed until every screen that draws in parts has drawn its last, however the calls come', async () => {
    const shown = holdUntilFirstScreen()
    const a = drawingFirstScreen()
    const b = drawingFirstScreen()
    const waiting = afterFirstScreen()
    a()
    shown()
    // A second call of a screen's function does not stand for the other screen.
    a()
    expect(await opensWithin(waiting)).toBe(false)
    b()
    expect(await opensWithin(waiting)).toBe(true)
  })

  it('is not held by a screen of an earlier gate', async () => {
    drawingFirstScreen()
    const shown = holdUntilFirstScreen()
    shown()
    expect(await opensWithin(afterFirstScreen())).toBe(true)
  })

  it("waits for home's last part, not its first", async () => {
    await useAppStore().start()
    const shown = holdUntilFirstScreen()
    const w = await mountHome()
    await vi.waitFor(async () => {
      await flushPromises()
      expect(w.find('[data-test="total-counts"]').exists()).toBe(true)
    })
    // App says so once home's first part is in the page.
    shown()
    const waiting = afterFirstScreen()
    let frame = 0
    await flushPromises()
    // Home waits for a frame between its parts; the gate stays closed at every one.
    while (frames.length > 0) {
      expect(w.find('ul.decks[aria-busy="false"]').exists()).toBe(false)
      expect(await opensWithin(waiting, 50), `open after ${frame} of home's frames, before its last part`).toBe(false)
      await paint()
      if (++frame > 20) throw new Error('home never drew its last part')
    }
    // Today's counts, the limits and button, the interview card and reminder, the decks two a frame.
    expect(frame).toBeGreaterThan(3)
    expect(w.find('ul.decks[aria-busy="false"]').exists()).toBe(true)
    expect(await opensWithin(waiting)).toBe(true)
    w.unmount()
  })

  it('opens if home is left before its last part', async () => {
    await useAppStore().start()
    const shown = holdUntilFirstScreen()
    const w = await mountHome()
    await flushPromises()
    shown()
    const waiting = afterFirstScreen()
    expect(await opensWithin(waiting, 50)).toBe(false)
    w.unmount()
    expect(await opensWithin(waiting)).toBe(true)
  })
})
