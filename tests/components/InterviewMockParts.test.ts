// @vitest-environment happy-dom
import { mount, RouterLinkStub } from '@vue/test-utils'
import { afterEach, describe, expect, it, vi } from 'vitest'
import ReviewGradeBar from '../../src/components/review/ReviewGradeBar.vue'
import InterviewKeyPoints from '../../src/components/interview/InterviewKeyPoints.vue'
import InterviewMockSummary from '../../src/components/interview/InterviewMockSummary.vue'
import InterviewTimer from '../../src/components/interview/InterviewTimer.vue'
import { mockKeyAction } from '../../src/components/interview/mock-keys'
import { clock } from '../../src/composables/clock'
import type { CardRow, MockInterviewRow } from '../../src/db/database'
import type { InterviewEntry } from '../../src/domain/content/deck-schema'
import { pauseCountdown, startCountdown } from '../../src/domain/interview/countdown'
import { createScheduler } from '../../src/domain/scheduling/scheduler'
import { newMemoryState } from '../../src/domain/scheduling/schedule'
import { DEFAULT_SETTINGS } from '../../src/domain/settings'
import type { MockQuestion } from '../../src/stores/interview'
import { testI18n } from './i18n'

const entry = (id: string, points: number): InterviewEntry => ({
  id, kind: 'interview', source: 'mobile', tags: [],
  question: { fr: `Question ${id} <b>?</b>`, en: `Question ${id}?` },
  answer: { fr: `Réponse ${id}`, en: `Answer ${id}` },
  keyPoints: Array.from({ length: points }, (_, i) => ({ fr: `Point ${id}-${i + 1} <i>x</i>`, en: `Point ${id}-${i + 1}` })),
})
const question = (id: string, points: number, source: string): MockQuestion => {
  const e = { ...entry(id, points), source }
  const card: CardRow = { id, deckId: 'd', entryId: id, ord: 0, source, tags: [], position: 0, hash: 'h', content: e, origin: 'builtin', retired: false }
  return { card, entry: e }
}

describe('InterviewKeyPoints', () => {
  it('lists the key points as text with their letters, and emits the one ticked', async () => {
    const w = mount(InterviewKeyPoints, { props: { entry: entry('q', 4), covered: [1], lang: 'fr' }, global: { plugins: [testI18n()] } })
    expect(w.find('legend').text()).toBe('Points clés couverts\u202f: 1 sur 4')
    expect(w.findAll('.kpoint__key').map((k) => k.text())).toEqual(['A', 'B', 'C', 'D'])
    expect(w.findAll('.kpoint__text')[0]!.text()).toBe('Point q-1 <i>x</i>')
    expect(w.find('i').exists()).toBe(false)
    expect(w.findAll('input').map((i) => (i.element as HTMLInputElement).checked)).toEqual([false, true, false, false])
    await w.findAll('input')[2]!.trigger('change')
    expect(w.emitted('toggle')).toEqual([[2]])
  })
})

describe('the grade bar on interview screens', () => {
  const NOW = Date.parse('2026-11-26T09:00:00Z')
  const previews = createScheduler(DEFAULT_SETTINGS, { fuzz: false }).preview(newMemoryState(NOW), 'c1', NOW)

  it('marks the proposed grade and emits any grade clicked', async () => {
    const w = mount(ReviewGradeBar, { props: { proposed: 2, label: 'Notez' }, global: { plugins: [testI18n()] } })
    expect(w.find('.grade--proposed').attributes('data-grade')).toBe('2')
    expect(w.find('[role="group"]').attributes('aria-label')).toBe('Notez')
    expect(w.find('[data-grade="2"]').attributes('aria-label')).toBe('Difficile (proposé)')
    // Practice: no interval, there is no next review to announce.
    expect(w.find('.grade__interval').exists()).toBe(false)
    await w.find('[data-grade="4"]').trigger('click')
    expect(w.emitted('grade')).toEqual([[4]])
  })

  it('shows the next intervals when the answer counts', () => {
    const w = mount(ReviewGradeBar, { props: { proposed: 3, previews }, global: { plugins: [testI18n()] } })
    expect(w.findAll('.grade__interval').map((s) => s.text()).slice(0, 3)).toEqual(['<1\u00a0min', '<6\u00a0min', '<10\u00a0min'])
    expect(w.find('[data-grade="3"]').attributes('aria-label')).toBe('Correct, prochaine révision dans <10\u00a0min (proposé)')
  })
})

describe('InterviewTimer', () => {
  const real = clock.now
  afterEach(() => {
    clock.now = real
    vi.useRealTimers()
  })

  it('counts down each second, stands still when paused, and announces the last half minute then the end', async () => {
    vi.useFakeTimers()
    let now = 1_000_000
    clock.now = () => now
    const countdown = startCountdown(60_000, now)
    const w = mount(InterviewTimer, { props: { countdown, paused: false }, global: { plugins: [testI18n()] } })
    const digits = () => w.find('[data-test="timer-digits"]').text()
    const status = () => w.find('[role="status"]').text()
    expect(digits()).toBe('1:00')
    now += 31_000
    await vi.advanceTimersByTimeAsync(300)
    expect(digits()).toBe('0:29')
    expect(status()).toBe('Plus que 30 secondes')
    await w.setProps({ countdown: pauseCountdown(countdown, now), paused: true })
    now += 120_000
    await vi.advanceTimersByTimeAsync(1000)
    expect(digits()).toBe('0:29')
    expect(w.find('[data-test="pause"]').text()).toBe('Reprendre')
    expect(w.find('[data-test="pause"]').attributes('aria-pressed')).toBe('true')
    await w.setProps({ countdown: { ...countdown, spentMs: 70_000, runningSince: null } })
    expect(digits()).toBe('+0:10')
    expect(w.find('.timer__label').text()).toBe('Temps écoulé')
    expect(status()).toBe('Temps écoulé')
    await w.find('[data-test="pause"]').trigger('click')
    expect(w.emitted('toggle')).toHaveLength(1)
  })

  it('counts up without a limit', async () => {
    let now = 5_000
    clock.now = () => now
    const w = mount(InterviewTimer, { props: { countdown: pauseCountdown(startCountdown(0, now), now + 75_500), paused: true }, global: { plugins: [testI18n()] } })
    now += 100
    expect(w.find('[data-test="timer-digits"]').text()).toBe('1:15')
    expect(w.find('.timer__label').text()).toBe('Temps écoulé')
    expect(w.find('.timer__bar').exists()).toBe(false)
  })
})

describe('mock interview keys', () => {
  const press = (key: string, over: Partial<KeyboardEvent> = {}, target: EventTarget | null = document.body) =>
    ({ key, code: '', ctrlKey: false, metaKey: false, altKey: false, repeat: false, target, ...over }) as KeyboardEvent

  it('on the question: Space or Enter show the answer, P pauses, N goes to the notes', () => {
    expect(mockKeyAction(press(' '), 'question', 5)).toEqual({ type: 'reveal' })
    expect(mockKeyAction(press('Enter'), 'question', 5)).toEqual({ type: 'reveal' })
    expect(mockKeyAction(press('P'), 'question', 5)).toEqual({ type: 'pause' })
    expect(mockKeyAction(press('n'), 'question', 5)).toEqual({ type: 'notes' })
    expect(mockKeyAction(press('a'), 'question', 5)).toBeNull()
    expect(mockKeyAction(press('3'), 'question', 5)).toBeNull()
  })

  it('in the notes, keys are text; Escape leaves them and Ctrl+Enter shows the answer', () => {
    const notes = document.createElement('textarea')
    expect(mockKeyAction(press(' ', {}, notes), 'question', 5)).toBeNull()
    expect(mockKeyAction(press('p', {}, notes), 'question', 5)).toBeNull()
    expect(mockKeyAction(press('Escape', {}, notes), 'question', 5)).toEqual({ type: 'leave-notes' })
    expect(mockKeyAction(press('Enter', { ctrlKey: true }, notes), 'question', 5)).toEqual({ type: 'reveal' })
    expect(mockKeyAction(press('a', {}, notes), 'answer', 5)).toBeNull()
  })

  it('on the answer: letters tick the key points there are, 1-4 grade (AZERTY too), Enter takes the proposed grade', () => {
    expect(mockKeyAction(press('a'), 'answer', 3)).toEqual({ type: 'toggle', point: 0 })
    expect(mockKeyAction(press('C'), 'answer', 3)).toEqual({ type: 'toggle', point: 2 })
    expect(mockKeyAction(press('d'), 'answer', 3)).toBeNull()
    expect(mockKeyAction(press('2', { code: 'Digit2' }), 'answer', 3)).toEqual({ type: 'grade', grade: 2 })
    expect(mockKeyAction(press('é', { code: 'Digit2' }), 'answer', 3)).toEqual({ type: 'grade', grade: 2 })
    expect(mockKeyAction(press('4', { code: 'Numpad4' }), 'answer', 3)).toEqual({ type: 'grade', grade: 4 })
    expect(mockKeyAction(press('5', { code: 'Digit5' }), 'answer', 3)).toBeNull()
    expect(mockKeyAction(press('Enter'), 'answer', 3)).toEqual({ type: 'confirm' })
    // A focused button keeps Space and Enter; a focused key point still takes the letters.
    const button = document.createElement('button')
    expect(mockKeyAction(press('Enter', {}, button), 'answer', 3)).toBeNull()
    const box = document.createElement('input')
    box.type = 'checkbox'
    expect(mockKeyAction(press('b', {}, box), 'answer', 3)).toEqual({ type: 'toggle', point: 1 })
    expect(mockKeyAction(press('a', { ctrlKey: true }), 'answer', 3)).toBeNull()
    expect(mockKeyAction(press('a', { repeat: true }), 'answer', 3)).toBeNull()
  })

  it('does nothing outside a question', () => {
    expect(mockKeyAction(press(' '), 'summary', 3)).toBeNull()
    expect(mockKeyAction(press('a'), 'idle', 3)).toBeNull()
  })
})

describe('InterviewMockSummary', () => {
  const questions = new Map([
    ['q1', question('q1', 4, 'mobile')],
    ['q2', question('q2', 3, 'pm-vs-po')],
    ['q3', question('q3', 2, 'mobile')],
  ])
  const mock = (mode: MockInterviewRow['mode']): MockInterviewRow => ({
    id: 'm1', startedAt: 0, finishedAt: 10, mode, cardIds: ['q1', 'q2', 'q3'], timeLimitMs: 120_000,
    answers: [
      { cardId: 'q1', deckId: 'd', topic: 'mobile', covered: [0, 1, 2, 3], total: 4, grade: 4, durationMs: 1, answeredAt: 1 },
      { cardId: 'q2', deckId: 'd', topic: 'pm-vs-po', covered: [1], total: 3, grade: 1, durationMs: 1, answeredAt: 2 },
      { cardId: 'q3', deckId: 'd', topic: 'mobile', covered: [], total: 2, grade: 2, durationMs: 1, answeredAt: 3 },
    ],
  })
  const titles = new Map([['mobile', { fr: 'Le PM mobile', en: 'The mobile PM' }]])
  const mountSummary = (mode: MockInterviewRow['mode'], relatedCount: number | null = 12) =>
    mount(InterviewMockSummary, {
      props: { mock: mock(mode), questions, topicTitles: titles, lang: 'fr', relatedCount },
      global: { plugins: [testI18n()], stubs: { RouterLink: RouterLinkStub } },
    })

  it('gives the score, each topic weakest first, and the key points missed', () => {
    const w = mountSummary('review')
    expect(w.find('[data-test="score"]').text()).toBe('5 points clés couverts sur 9')
    expect(w.find('[data-test="summary-mode"]').text()).toMatch(/3 questions · 3 réponses comptées dans vos révisions/)
    const topics = w.findAll('[data-test="topics"] li').map((li) => [li.find('.topic__name').text(), li.find('.topic__score').text()])
    // An unknown section is shown by its id rather than hidden.
    expect(topics).toEqual([['pm-vs-po', '1 / 3'], ['Le PM mobile', '4 / 6']])
    const missed = w.findAll('[data-test="missed"] > li')
    expect(missed.map((m) => m.find('.missed__question').text())).toEqual(['Question q2 <b>?</b> À revoir', 'Question q3 <b>?</b> Difficile'])
    expect(missed[0]!.findAll('.missed__points li').map((li) => li.text())).toEqual(['Point q2-1 <i>x</i>', 'Point q2-3 <i>x</i>'])
    expect(w.find('b').exists()).toBe(false)
  })

  it('offers one button to study the related cards now, and says when the schedule was left alone', async () => {
    const w = mountSummary('practice')
    const link = w.findComponent(RouterLinkStub)
    expect(link.props('to')).toEqual({ name: 'interview-study', query: { mock: 'm1' } })
    expect(link.text()).toBe('Étudier maintenant les 12 cartes liées')
    expect(w.find('[data-test="summary-mode"]').text()).toMatch(/entraînement\u202f: votre planning n’a pas changé/)
    await w.find('[data-test="again"]').trigger('click')
    expect(w.emitted('again')).toHaveLength(1)
    expect(mountSummary('practice', 0).find('[data-test="study-related"]').exists()).toBe(false)
  })
})
