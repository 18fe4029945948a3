// @vitest-environment happy-dom
// The foot of the review screen: a grade lets go of the focus before the screen changes (the
// button pressed is removed with the grade bar, and removing a focused element costs Chromium a
// style pass in the middle of the update).
import { mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { afterEach, describe, expect, it, vi } from 'vitest'
import ReviewStudyActions from '../../src/components/review/ReviewStudyActions.vue'
import { useSessionStore } from '../../src/stores/session'
import { testI18n } from './i18n'

afterEach(() => vi.restoreAllMocks())

describe('ReviewStudyActions', () => {
  it('lets go of the focus before the grade changes the screen', async () => {
    const pinia = createPinia()
    setActivePinia(pinia)
    const session = useSessionStore()
    session.phase = 'answer'
    const focusedWhenGraded: Array<Element | null> = []
    const grade = vi.spyOn(session, 'grade').mockImplementation(async () => {
      focusedWhenGraded.push(document.activeElement)
    })
    const w = mount(ReviewStudyActions, { attachTo: document.body, global: { plugins: [pinia, testI18n()] } })
    // The grade bar loads with the review's other parts (review-parts.ts).
    await vi.waitFor(() => expect(w.find('[data-grade="3"]').exists()).toBe(true))
    const good = w.find<HTMLButtonElement>('[data-grade="3"]')
    good.element.focus()
    expect(document.activeElement).toBe(good.element)
    await good.trigger('click')
    expect(grade).toHaveBeenCalledWith(3)
    expect(focusedWhenGraded).toEqual([document.body])
    w.unmount()
  })
})
