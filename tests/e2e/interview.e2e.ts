// Preparing a PM interview: mock interviews by keyboard and by touch, the interview-date plan on
// home, and the final review, checked against what IndexedDB really holds.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { proposeInterviewGrade } from '../../src/domain/content/grading'
import { DAY_MS, dayIndex } from '../../src/domain/time/study-day'
import { screenViolations } from './accessibility'
import { BASE_URL, launchBrowser, readStore, screenshot, untilReady } from './browser'

interface ScheduleRow { cardId: string; state: number; version: number; due: number }
interface ReviewRow { id: string; cardId: string; grade: number; reviewedAt: number; before: { state: number } }
interface CardRow { id: string; source: string; deckId: string; content: { kind: string } }
interface MockRow {
  id: string
  mode: string
  finishedAt: number | null
  cardIds: string[]
  answers: Array<{ cardId: string; covered: number[]; total: number; grade: number; reviewId?: string; notes?: string; durationMs: number }>
}

const ZONE = 'Europe/Paris'
const PHONE = { width: 360, height: 740 }
let browser: Browser

beforeAll(async () => {
  browser = await launchBrowser()
})
afterAll(async () => {
  await browser?.close()
})

function newContext(extra: Parameters<Browser['newContext']>[0] = {}): Promise<BrowserContext> {
  return browser.newContext({ viewport: PHONE, locale: 'fr-FR', timezoneId: ZONE, ...extra })
}

/** The calendar date `days` study days from today, as the date field wants it. */
function isoInDays(days: number): string {
  const today = dayIndex(Date.now(), { rolloverHour: 4, timeZone: ZONE })
  return new Date((today + days) * DAY_MS).toISOString().slice(0, 10)
}

const violations = screenViolations

async function openInterview(page: Page) {
  await page.goto(`${BASE_URL}/interview`)
  await page.locator('[data-test="start-mock"]').waitFor()
}

const phaseIs = (page: Page, phase: 'question' | 'answer') => page.locator(`.mock[data-phase="${phase}"]`).waitFor()
const proposedGrade = async (page: Page) => Number(await page.locator('.grade--proposed').getAttribute('data-grade'))
const digits = (page: Page) => page.locator('[data-test="timer-digits"]').innerText()

/** Points ticked for question i: all, none, two, one, three (as many as the question has). */
const TICKS = [Infinity, 0, 2, 1, 3]

describe('mock interview', () => {
  it('five questions with the keyboard, counted toward reviews: the review log gets exactly those answers', async () => {
    const context = await newContext()
    const page = await context.newPage()
    const errors: string[] = []
    page.on('pageerror', (e) => errors.push(e.message))
    await openInterview(page)
    const found = await violations(page, 'setup')
    await screenshot(page, 'interview-setup')

    // Set up with the keyboard: 5 questions (the default), count toward my reviews, start.
    await page.locator('[data-size="5"]').focus()
    await page.keyboard.press('Space')
    await page.locator('[data-mode="review"]').focus()
    await page.keyboard.press('Space')
    expect(await page.locator('[data-mode="review"]').isChecked()).toBe(true)
    await page.locator('#mock-start').focus()
    await page.keyboard.press('Enter')

    const asked: string[] = []
    const expected: Array<{ grade: number; covered: number[] }> = []
    for (let i = 0; i < 5; i++) {
      await phaseIs(page, 'question')
      const cardId = (await page.locator('.mock').getAttribute('data-card-id'))!
      expect(asked).not.toContain(cardId)
      asked.push(cardId)
      await expect(page.locator('h1').innerText()).resolves.toBe(`Question ${i + 1} sur 5`)
      expect(await page.locator('[data-test="mode"]').innerText()).toMatch(/Compte dans les révisions/)
      if (i === 0) {
        expect(await digits(page)).toMatch(/^(2:00|1:5\d)$/)
        found.push(...(await violations(page, 'question')))
        await screenshot(page, 'mock-question')
        // P pauses: the clock stands still, then runs again.
        await page.keyboard.press('p')
        await expect(page.locator('[data-test="pause"]').getAttribute('aria-pressed')).resolves.toBe('true')
        const frozen = await digits(page)
        await page.waitForTimeout(1300)
        expect(await digits(page)).toBe(frozen)
        await page.keyboard.press('p')
        await expect(page.locator('[data-test="pause"]').getAttribute('aria-pressed')).resolves.toBe('false')
      }
      // N goes to the notes; typing there never triggers a shortcut; Escape leaves them.
      await page.keyboard.press('n')
      await page.keyboard.type(`Réponse ${i + 1} : vision, 1 2 3 a b p`)
      await page.keyboard.press('Escape')
      expect(await page.locator('.mock').getAttribute('data-phase')).toBe('question')
      await page.keyboard.press('Space')
      await phaseIs(page, 'answer')

      const total = await page.locator('input[data-point]').count()
      const ticks = Math.min(TICKS[i]!, total)
      for (let k = 0; k < ticks; k++) await page.keyboard.press(String.fromCharCode(97 + k))
      for (let k = 0; k < total; k++) expect(await page.locator(`input[data-point="${k}"]`).isChecked()).toBe(k < ticks)
      const proposed = proposeInterviewGrade(ticks, total)
      expect(await proposedGrade(page)).toBe(proposed)
      if (i === 0) {
        expect(proposed).toBe(4)
        found.push(...(await violations(page, 'answer')))
        await screenshot(page, 'mock-answer')
      }
      // Enter takes the proposed grade; a digit picks another one.
      const grade = i === 1 ? 3 : i === 3 ? 2 : proposed
      await page.keyboard.press(i === 1 ? '3' : i === 3 ? '2' : 'Enter')
      expected.push({ grade, covered: Array.from({ length: ticks }, (_, k) => k) })
    }

    await page.locator('[data-test="mock-summary"]').waitFor()
    await page.locator('[data-test="study-related"]:not(.button--disabled)').waitFor()
    found.push(...(await violations(page, 'summary')))
    await screenshot(page, 'mock-summary')
    expect(await page.locator('[data-test="summary-mode"]').innerText()).toMatch(/5 réponses comptées dans vos révisions/)

    // The review log received exactly these five answers, with these grades, through the answer transaction.
    const reviews = (await readStore<ReviewRow>(page, 'reviews')).sort((a, b) => a.reviewedAt - b.reviewedAt)
    expect(reviews.map((r) => r.cardId)).toEqual(asked)
    expect(reviews.map((r) => r.grade)).toEqual(expected.map((e) => e.grade))
    expect(reviews.every((r) => r.before.state === 0)).toBe(true)
    const schedules = await readStore<ScheduleRow>(page, 'schedules')
    for (const id of asked) expect(schedules.find((s) => s.cardId === id)!.state).not.toBe(0)
    const [mock, ...others] = await readStore<MockRow>(page, 'mockInterviews')
    expect(others).toEqual([])
    expect(mock).toMatchObject({ mode: 'review', cardIds: asked })
    expect(mock!.finishedAt).not.toBeNull()
    expect(mock!.answers.map((a) => a.reviewId)).toEqual(reviews.map((r) => r.id))
    expect(mock!.answers.map((a) => ({ grade: a.grade, covered: a.covered }))).toEqual(expected)
    expect(mock!.answers[2]!.notes).toBe('Réponse 3 : vision, 1 2 3 a b p')

    // Spread across topics: five questions, five topics.
    const cards = await readStore<CardRow>(page, 'cards')
    const topics = asked.map((id) => cards.find((c) => c.id === id)!)
    expect(topics.every((c) => c.content.kind === 'interview')).toBe(true)
    expect(new Set(topics.map((c) => c.source)).size).toBe(5)

    // The summary: key points covered per topic, and the ones missed.
    const covered = mock!.answers.reduce((n, a) => n + a.covered.length, 0)
    const totalPoints = mock!.answers.reduce((n, a) => n + a.total, 0)
    expect(await page.locator('[data-test="score"]').innerText()).toBe(`${covered} points clés couverts sur ${totalPoints}`)
    expect(await page.locator('[data-test="topics"] li').count()).toBe(5)
    // One entry per question with a point left unticked (how many depends on the questions drawn).
    const withMissed = mock!.answers.filter((a) => a.covered.length < a.total).length
    expect(withMissed).toBeGreaterThan(0)
    expect(await page.locator('[data-test="missed"] > li').count()).toBe(withMissed)

    expect(found).toEqual([])
    expect(errors).toEqual([])
    await context.close()
  })

  it('five questions by touch, practice only: nothing reaches the schedules or the review log', async () => {
    const context = await newContext({ hasTouch: true, isMobile: true })
    const page = await context.newPage()
    const errors: string[] = []
    page.on('pageerror', (e) => errors.push(e.message))
    await openInterview(page)
    const schedulesBefore = await readStore<ScheduleRow>(page, 'schedules')

    await page.locator('[data-size="5"]').tap()
    await page.locator('[data-mode="practice"]').tap()
    await page.locator('[data-test="start-mock"]').tap()
    for (let i = 0; i < 5; i++) {
      await phaseIs(page, 'question')
      expect(await page.locator('[data-test="mode"]').innerText()).toBe('Entraînement')
      await page.locator('[data-test="notes"]').tap()
      await page.locator('[data-test="notes"]').fill(`Notes ${i + 1}`)
      await page.locator('[data-test="pause"]').tap()
      await expect(page.locator('[data-test="pause"]').innerText()).resolves.toBe('Reprendre')
      await page.locator('[data-test="pause"]').tap()
      await page.locator('[data-test="reveal"]').tap()
      await phaseIs(page, 'answer')
      const total = await page.locator('input[data-point]').count()
      const ticks = Math.min(TICKS[i]!, total)
      // A tap anywhere on a key point's row ticks it; a second tap unticks.
      for (let k = 0; k < ticks; k++) await page.locator('.kpoint').nth(k).tap()
      if (total > ticks) {
        await page.locator('.kpoint').nth(total - 1).tap()
        await page.locator('.kpoint').nth(total - 1).tap()
      }
      for (let k = 0; k < total; k++) expect(await page.locator(`input[data-point="${k}"]`).isChecked()).toBe(k < ticks)
      expect(await proposedGrade(page)).toBe(proposeInterviewGrade(ticks, total))
      if (i === 2) await screenshot(page, 'mock-answer-touch')
      // The proposed grade can be changed: question 2 is graded Easy whatever was ticked.
      await page.locator(`[data-grade="${i === 1 ? 4 : proposeInterviewGrade(ticks, total)}"]`).tap()
    }
    await page.locator('[data-test="mock-summary"]').waitFor()
    expect(await page.locator('[data-test="summary-mode"]').innerText()).toMatch(/entraînement\s:\svotre planning n’a pas changé/)

    expect(await readStore<ReviewRow>(page, 'reviews')).toEqual([])
    expect(await readStore<ScheduleRow>(page, 'schedules')).toEqual(schedulesBefore)
    const [mock] = await readStore<MockRow>(page, 'mockInterviews')
    expect(mock!.mode).toBe('practice')
    expect(mock!.answers).toHaveLength(5)
    expect(mock!.answers[1]!.grade).toBe(4)
    expect(mock!.answers.every((a) => a.reviewId === undefined)).toBe(true)
    expect(mock!.answers.map((a) => a.notes)).toEqual(['Notes 1', 'Notes 2', 'Notes 3', 'Notes 4', 'Notes 5'])

    // Study the related cards now: a session on them, counted by default, through the usual answer.
    const related = page.locator('[data-test="study-related"]:not(.button--disabled)')
    const n = Number(/(\d+)/.exec(await related.innerText())![1])
    expect(n).toBeGreaterThan(4)
    await related.tap()
    await expect(page.locator('[data-test="study-count"]').innerText()).resolves.toMatch(new RegExp(`^${n} cartes`))
    expect(await page.locator('[data-mode="review"]').isChecked()).toBe(true)
    await page.locator('[data-test="study-start"]').tap()
    await page.locator('[data-test="show-answer"]').tap()
    const studied = await page.locator('article.card').getAttribute('data-card-id')
    expect(mock!.answers.some((a) => a.cardId === studied)).toBe(true)
    await page.locator('[data-grade="3"]').tap()
    await page.waitForFunction((id) => document.querySelector('article.card')?.getAttribute('data-card-id') !== id, studied)
    expect((await readStore<ReviewRow>(page, 'reviews')).map((r) => r.cardId)).toEqual([studied])

    // Back on the interview screen, the mock is listed with its score.
    await page.goto(`${BASE_URL}/interview`)
    await page.locator('[data-test="history"] li').first().waitFor()
    expect(await page.locator('[data-test="history"] li').count()).toBe(1)
    expect(await page.locator('[data-test="history"] .entry__score').innerText()).toMatch(/^\d+\s?%$/)
    await page.locator('[data-test="history"] .entry').scrollIntoViewIfNeeded()
    await screenshot(page, 'interview-history')
    expect(errors).toEqual([])
    await context.close()
  })

  it('counts down from the time chosen, pauses, shows the overrun, and can be left and resumed (dark theme)', async () => {
    const context = await newContext({ colorScheme: 'dark' })
    const page = await context.newPage()
    await page.clock.install()
    await openInterview(page)
    await page.locator('[data-test="timer-choice"]').selectOption('60')
    await page.locator('[data-test="start-mock"]').click()
    await phaseIs(page, 'question')
    expect(await digits(page)).toBe('1:00')
    await page.clock.runFor(20_000)
    expect(await digits(page)).toBe('0:40')
    await page.locator('[data-test="pause"]').click()
    await page.clock.runFor(60_000)
    expect(await digits(page)).toBe('0:40')
    await page.locator('[data-test="pause"]').click()
    await page.clock.runFor(45_000)
    expect(await digits(page)).toBe('+0:05')
    await expect(page.locator('[data-test="timer"]').innerText()).resolves.toMatch(/Temps écoulé/)
    await screenshot(page, 'mock-time-up-dark')
    await page.locator('[data-test="reveal"]').click()
    await expect(page.locator('[data-test="answer-time"]').innerText()).resolves.toBe('Réponse en 1:05')
    await page.keyboard.press('a')
    // The clock stopped with the answer shown, so this slow check cannot move it.
    const found = await violations(page, 'answer, dark')
    await page.locator('[data-test="key-points"]').scrollIntoViewIfNeeded()
    await screenshot(page, 'mock-answer-dark')
    expect(found).toEqual([])
    await page.locator('[data-grade="3"]').click()
    await phaseIs(page, 'question')
    const second = await page.locator('.mock').getAttribute('data-card-id')

    // Leaving keeps the interview open; it resumes at the same question, the timer setting kept.
    await page.locator('[data-test="leave"]').click()
    await page.reload()
    await page.locator('[data-test="resume"]').waitFor()
    expect(await page.locator('[data-test="resume-box"]').innerText()).toMatch(/1 réponse sur 5/)
    expect(await page.locator('[data-test="timer-choice"]').inputValue()).toBe('60')
    await page.locator('[data-test="resume"]').click()
    await phaseIs(page, 'question')
    expect(await page.locator('.mock').getAttribute('data-card-id')).toBe(second)
    expect(await digits(page)).toBe('1:00')
    await page.locator('[data-test="leave"]').click()
    await page.locator('[data-test="abandon"]').click()
    await page.locator('[data-test="history"] li').first().waitFor()
    const [mock] = await readStore<MockRow>(page, 'mockInterviews')
    expect(mock!.finishedAt).not.toBeNull()
    // 65 s of clock time (pauses left out), plus the few real milliseconds the clicks took.
    expect(mock!.answers[0]!.durationMs).toBeGreaterThanOrEqual(65_000)
    expect(mock!.answers[0]!.durationMs).toBeLessThan(67_000)
    await context.close()
  })
})

describe('interview date', () => {
  it('home shows the days left, the plan, and the offer to raise the new-card limit, which the learner accepts', async () => {
    for (const viewport of [PHONE, { width: 1280, height: 800 }]) {
      const context = await newContext({ viewport })
      const page = await context.newPage()
      // A limit lower than the plan needs, set as a learner would.
      await page.goto(`${BASE_URL}/settings`)
      await page.locator('#new-per-day').fill('10')
      await page.locator('#new-per-day').press('Tab')
      await page.waitForFunction(() => [...document.querySelectorAll('[role="status"]')].some((e) => e.textContent?.includes('Réglages enregistrés')))

      await page.goto(`${BASE_URL}/`)
      await page.locator('[data-test="plan-set-date"]').click()
      await page.locator('[data-test="interview-date"]').fill(isoInDays(10))
      await page.locator('[data-test="days-left"]').waitFor()
      expect(await page.locator('[data-test="days-left"]').innerText()).toBe('Dans 10 jours')

      await page.goto(`${BASE_URL}/`)
      const plan = page.locator('[data-test="interview-plan"]')
      await plan.locator('[data-test="raise-offer"]').waitFor()
      expect(await plan.locator('[data-test="days-left"]').innerText()).toBe('Dans 10 jours')
      expect(await plan.locator('[data-test="not-learned"]').innerText()).toBe('135 cartes pas encore apprises.')
      // 135 cards over today and the 7 days up to 3 days before: 17 a day.
      expect(await plan.locator('[data-test="per-day"]').innerText()).toMatch(/^Pour les avoir toutes vues 3 jours avant, d’ici le \S+ \d+ \S+\s:\s17 nouvelles cartes par jour\.$/)
      expect(await plan.locator('[data-test="raise-offer"]').innerText()).toMatch(/Votre limite est de 10 nouvelles cartes par jour\. La passer à 17\s\?/)
      if (viewport === PHONE) expect(await violations(page, 'home plan')).toEqual([])
      await screenshot(page, 'home-interview-10-days')

      await plan.locator('[data-test="raise-accept"]').click()
      await plan.locator('[data-test="limit-ok"]').waitFor()
      const [settings] = await readStore<{ value: { newPerDay: number } }>(page, 'settings')
      expect(settings!.value.newPerDay).toBe(17)
      await page.waitForFunction(() => document.querySelector('[data-test="total-counts"] .count__n')?.textContent === '17')
      if (viewport === PHONE) await screenshot(page, 'home-interview-raised')
      else {
        // The mock interview on a desktop screen.
        await page.locator('[data-test="interview-plan"] .plan__link').click()
        await page.locator('[data-test="start-mock"]').click()
        await phaseIs(page, 'question')
        await screenshot(page, 'mock-question')
        await page.keyboard.press('Space')
        await phaseIs(page, 'answer')
        await page.keyboard.press('a')
        await page.keyboard.press('b')
        await screenshot(page, 'mock-answer')
      }
      await context.close()
    }
  })

  it('declining the offer keeps the limit and hides the offer until more is needed', async () => {
    const context = await newContext()
    const page = await context.newPage()
    await page.goto(`${BASE_URL}/interview`)
    await page.locator('[data-test="interview-date"]').fill(isoInDays(4))
    // 135 cards over 2 days: 68 a day, above the default 20.
    await page.locator('[data-test="raise-offer"]').waitFor()
    await page.locator('[data-test="raise-decline"]').click()
    await page.locator('[data-test="raise-offer"]').waitFor({ state: 'detached' })
    await page.goto(`${BASE_URL}/`)
    await page.locator('[data-test="per-day"]').waitFor()
    expect(await page.locator('[data-test="raise-offer"]').count()).toBe(0)
    // Nothing was saved: the settings keep their default limit.
    expect(await readStore(page, 'settings')).toEqual([])
    await page.waitForFunction(() => document.querySelector('[data-test="total-counts"] .count__n')?.textContent === '20')
    await context.close()
  })

  it('on a date already past, no plan is offered', async () => {
    const context = await newContext()
    const page = await context.newPage()
    await page.goto(`${BASE_URL}/interview`)
    await page.locator('[data-test="interview-date"]').fill(isoInDays(-1))
    // The date is saved (the plan on this page shows it) before leaving the page.
    await page.locator('[data-test="interview-plan"][data-phase="past"]').waitFor()
    await page.goto(`${BASE_URL}/`)
    await page.locator('[data-test="interview-plan"][data-phase="past"]').waitFor()
    expect(await page.locator('[data-test="raise-offer"], [data-test="final-review-offer"]').count()).toBe(0)
    await context.close()
  })

  it('the final review in the last days leaves the schedule alone in practice, and counts only when asked', async () => {
    const context = await newContext()
    const page = await context.newPage()
    const errors: string[] = []
    page.on('pageerror', (e) => errors.push(e.message))
    // Study six new cards, three of them badly.
    await page.goto(`${BASE_URL}/review/pm-role`)
    for (const key of ['1', '1', '2', '1', '3', '4']) {
      await page.waitForFunction(() => document.querySelector('article.card') && !document.querySelector('.grade'))
      const kind = await page.locator('article.card').getAttribute('data-kind')
      await untilReady(page)
      await page.keyboard.press(kind === 'choice' ? '1' : 'Space')
      await page.locator('[data-grade="1"]').waitFor()
      await untilReady(page)
      await page.keyboard.press(key)
      await page.waitForFunction(() => !document.querySelector('.grade'))
    }
    expect(await readStore<ReviewRow>(page, 'reviews')).toHaveLength(6)

    await page.goto(`${BASE_URL}/interview`)
    await page.locator('[data-test="interview-date"]').fill(isoInDays(2))
    // The date is saved before leaving the page.
    await page.locator('[data-test="days-left"]').waitFor()
    await page.goto(`${BASE_URL}/`)
    const offer = page.locator('[data-test="final-review-offer"]')
    await offer.waitFor()
    const n = Number(/(\d+) cartes risquent/.exec(await offer.innerText())![1])
    // The three Again fall below 90 % by then; Hard and Good may, depending on the hour; Easy does not.
    expect(n).toBeGreaterThanOrEqual(3)
    expect(n).toBeLessThanOrEqual(5)
    await screenshot(page, 'home-interview-final-days')
    await offer.locator('[data-test="final-review"]').click()
    await page.locator('[data-test="study-start"]').waitFor()
    expect(await page.locator('[data-mode="practice"]').isChecked()).toBe(true)
    expect(await violations(page, 'final review intro')).toEqual([])
    await screenshot(page, 'final-review-intro')

    const reviewsBefore = await readStore<ReviewRow>(page, 'reviews')
    const schedulesBefore = await readStore<ScheduleRow>(page, 'schedules')
    await page.locator('[data-test="study-start"]').click()
    for (let i = 0; i < n; i++) {
      await page.waitForFunction(() => document.querySelector('article.card') && !document.querySelector('.grade'))
      const kind = await page.locator('article.card').getAttribute('data-kind')
      await untilReady(page)
      await page.keyboard.press(kind === 'choice' ? '1' : 'Space')
      await page.locator('[data-grade="3"]').waitFor()
      if (i === 0) await screenshot(page, 'final-review-card')
      await untilReady(page)
      await page.keyboard.press('3')
    }
    await page.locator('[data-test="study-done"]').waitFor()
    expect(await page.locator('[data-test="study-done"]').innerText()).toMatch(/planning de révision n’a pas été modifié/)
    await screenshot(page, 'final-review-done')
    expect(await readStore<ReviewRow>(page, 'reviews')).toEqual(reviewsBefore)
    expect(await readStore<ScheduleRow>(page, 'schedules')).toEqual(schedulesBefore)

    // Counted, on request: the usual answer transaction.
    await page.goto(`${BASE_URL}/interview/study?final=1`)
    await page.locator('[data-mode="review"]').click()
    await page.locator('[data-test="study-start"]').click()
    await page.locator('[data-test="show-answer"]').waitFor()
    const first = await page.locator('article.card').getAttribute('data-card-id')
    const kind = await page.locator('article.card').getAttribute('data-kind')
    await untilReady(page)
    await page.keyboard.press(kind === 'choice' ? '1' : 'Space')
    await page.locator('[data-grade="3"]').click()
    await expect.poll(async () => (await readStore<ReviewRow>(page, 'reviews')).length).toBe(7)
    const last = (await readStore<ReviewRow>(page, 'reviews')).sort((a, b) => b.reviewedAt - a.reviewedAt)[0]!
    expect(last).toMatchObject({ cardId: first, grade: 3 })
    expect(errors).toEqual([])
    await context.close()
  })
})
