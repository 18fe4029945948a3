// @vitest-environment happy-dom
import { mount } from '@vue/test-utils'
import { describe, expect, it } from 'vitest'
import ReviewGradeBar from '../../src/components/review/ReviewGradeBar.vue'
import { createScheduler } from '../../src/domain/scheduling/scheduler'
import { newMemoryState } from '../../src/domain/scheduling/schedule'
import { DEFAULT_SETTINGS } from '../../src/domain/settings'
import { testI18n } from './i18n'

const NOW = Date.parse('2026-11-26T09:00:00Z')
const previews = createScheduler(DEFAULT_SETTINGS, { fuzz: false }).preview(newMemoryState(NOW), 'c1', NOW)

describe('ReviewGradeBar', () => {
  it('shows the four grades in French with their next intervals', () => {
    const w = mount(ReviewGradeBar, { props: { previews }, global: { plugins: [testI18n('fr')] } })
    const buttons = w.findAll('button')
    expect(buttons.map((b) => b.find('.grade__label').text())).toEqual(['À revoir', 'Difficile', 'Correct', 'Facile'])
    expect(buttons.map((b) => b.find('.grade__interval').text())).toEqual(['<1\u00a0min', '<6\u00a0min', '<10\u00a0min', expect.stringMatching(/^\d+\u00a0j$/)])
    expect(buttons[2]!.attributes('aria-label')).toBe('Correct, prochaine révision dans <10\u00a0min')
  })

  it('speaks English when the UI does', () => {
    const w = mount(ReviewGradeBar, { props: { previews }, global: { plugins: [testI18n('en')] } })
    expect(w.findAll('.grade__label').map((b) => b.text())).toEqual(['Again', 'Hard', 'Good', 'Easy'])
    expect(w.findAll('.grade__interval')[3]!.text()).toMatch(/^\d+ d$/)
  })

  it('emits the grade clicked', async () => {
    const w = mount(ReviewGradeBar, { props: { previews }, global: { plugins: [testI18n()] } })
    await w.findAll('button')[0]!.trigger('click')
    await w.findAll('button')[3]!.trigger('click')
    expect(w.emitted('grade')).toEqual([[1], [4]])
  })
})
