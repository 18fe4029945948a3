// @vitest-environment happy-dom
import { mount } from '@vue/test-utils'
import { describe, expect, it } from 'vitest'
import type { Composer } from 'petite-vue-i18n'
import { createRouter, createMemoryHistory } from 'vue-router'
import BrowseRow from '../../src/components/browse/BrowseRow.vue'
import { rowLabels } from '../../src/components/browse/browse-row-labels'
import type { BrowseItem } from '../../src/domain/browse/browse-items'
import { testI18n } from './i18n'

const NOW = Date.parse('2026-11-26T09:00:00Z')
const item: BrowseItem = {
  cardId: 'u-1', deckId: 'd', kind: 'basic', origin: 'user', question: 'Qu’est-ce qu’un PM ?', answer: 'x', tags: ['leech'],
  state: 2, due: NOW + 30 * 60_000, suspended: true, buriedUntilDay: 100, flagged: true, flag: 1, leech: true, lapses: 8, reps: 20, position: 0, search: '',
}

function mounted(patch: Partial<BrowseItem> = {}, locale: 'fr' | 'en' = 'fr') {
  const i18n = testI18n(locale)
  const router = createRouter({ history: createMemoryHistory(), routes: [{ path: '/:p(.*)*', component: { template: '<div />' } }] })
  return mount(BrowseRow, {
    props: { item: { ...item, ...patch }, selected: false, deckTitle: 'Mon paquet', nowMs: NOW, today: 100, labels: rowLabels(i18n.global.t as unknown as Composer['t'], locale) },
    global: { plugins: [i18n, router] },
  })
}

describe('BrowseRow', () => {
  it('shows the question, the state, when it is due, its marks and its deck', () => {
    const w = mounted()
    expect(w.find('.row__question').text()).toBe('Qu’est-ce qu’un PM ?')
    expect(w.find('.state').text()).toBe('En révision')
    expect(w.find('.row__meta').text()).toContain('échéance dans 30\u00a0min')
    expect(w.findAll('.badge').map((b) => b.text())).toEqual(['suspendue', 'enterrée', 'marquée', 'sangsue', 'perso'])
    expect(w.find('.row__deck').text()).toBe('Mon paquet')
    expect(w.find('a').attributes('href')).toBe('/browse/card/u-1')
  })

  it('names its checkbox after the card and reports a toggle', async () => {
    const w = mounted({ suspended: false, flagged: false, flag: 0, leech: false, buriedUntilDay: 0, state: 0 })
    expect(w.find('input').attributes('aria-label')).toBe('Sélectionner\u202f: Qu’est-ce qu’un PM ?')
    expect(w.findAll('.badge').map((b) => b.text())).toEqual(['perso'])
    expect(w.find('.row__meta').text()).not.toContain('échéance')
    await w.find('input').trigger('change')
    expect(w.emitted('toggle')).toHaveLength(1)
  })

  it('speaks English too', () => {
    const w = mounted({}, 'en')
    expect(w.find('.state').text()).toBe('Review')
    expect(w.find('.row__meta').text()).toContain('due in 30 min')
  })
})
