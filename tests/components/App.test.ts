// @vitest-environment happy-dom
// The app's frame: the app bar is drawn in the mount's task and the screen in the next one (two
// shorter tasks on a slow phone), and the app says when the screen is in the page (main.ts lets the
// work that waits for the first screen start then, not before).
import { flushPromises, mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { beforeEach, describe, expect, it } from 'vitest'
import { createMemoryHistory, createRouter } from 'vue-router'
import App from '../../src/App.vue'
import { testI18n } from './i18n'

const Screen = { template: '<main data-test="screen">the screen</main>' }

beforeEach(() => setActivePinia(createPinia()))

async function mountApp(path: string) {
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [
      { path: '/', name: 'home', component: Screen },
      { path: '/review', name: 'review', component: Screen },
      ...['interview', 'browse', 'stats', 'settings'].map((name) => ({ path: `/${name}`, name, component: Screen })),
    ],
  })
  await router.push(path)
  const shown: number[] = []
  const w = mount(App, {
    props: { onScreenShown: () => shown.push(w.findAll('[data-test="screen"]').length) },
    global: { plugins: [testI18n(), router] },
    attachTo: document.body,
  })
  return { w, shown }
}

describe('App', () => {
  it('draws the app bar first, the screen a task later, and then says the screen is shown', async () => {
    const { w, shown } = await mountApp('/')
    // The mount's task: the app bar and its five links, the screen's place empty.
    expect(w.find('header.app-bar').exists()).toBe(true)
    expect(w.findAll('.app-nav__link')).toHaveLength(5)
    expect(w.find('#content').exists()).toBe(true)
    expect(w.find('[data-test="screen"]').exists()).toBe(false)
    await flushPromises()
    expect(shown).toEqual([])

    await new Promise((resolve) => setTimeout(resolve))
    await flushPromises()
    expect(w.find('#content [data-test="screen"]').text()).toBe('the screen')
    // Emitted once, with the screen already in the page.
    expect(shown).toEqual([1])
    w.unmount()
  })

  it('shows the review screen without the app bar, in the same two steps', async () => {
    const { w, shown } = await mountApp('/review')
    expect(w.find('header.app-bar').exists()).toBe(false)
    expect(w.find('[data-test="screen"]').exists()).toBe(false)
    await new Promise((resolve) => setTimeout(resolve))
    await flushPromises()
    expect(w.find('[data-test="screen"]').exists()).toBe(true)
    expect(w.find('#content').classes()).not.toContain('with-tab-bar')
    expect(shown).toEqual([1])
    w.unmount()
  })
})
