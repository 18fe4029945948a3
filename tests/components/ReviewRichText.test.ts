// @vitest-environment happy-dom
// The learner's rendered Markdown goes into the page as a clone of nodes parsed once (rich-html),
// not through v-html. What must hold: each card shows its own text only, a shown copy is never the
// cached nodes themselves, and a card read ahead is parsed before it is shown.
import { mount } from '@vue/test-utils'
import { afterEach, describe, expect, it, vi } from 'vitest'
import ReviewRichText from '../../src/components/review/ReviewRichText.vue'
import { richFragment, warmCards } from '../../src/components/review/rich-html'
import type { CardRow } from '../../src/db/database'
import { renderMarkdown } from '../../src/domain/user-content/markdown'
import { testI18n } from './i18n'

afterEach(() => vi.restoreAllMocks())

describe('ReviewRichText', () => {
  it('replaces the text when the card changes, never adds to it', async () => {
    const w = mount(ReviewRichText, { props: { text: 'Première *carte*' }, global: { plugins: [testI18n()] } })
    expect(w.find('[data-rich]').text()).toBe('Première *carte*')
    await w.setProps({ text: 'Deuxième carte' })
    expect(w.find('[data-rich]').text()).toBe('Deuxième carte')
    await w.setProps({ text: 'Première *carte*' })
    expect(w.find('[data-rich]').text()).toBe('Première *carte*')
  })

  it('shows the same HTML as the renderer gives', () => {
    const text = 'Ligne un\nligne <b>deux</b>'
    const w = mount(ReviewRichText, { props: { text }, global: { plugins: [testI18n()] } })
    const expected = document.createElement('template')
    expected.innerHTML = renderMarkdown(text)
    expect(w.find('[data-rich]').element.innerHTML).toBe(expected.innerHTML)
  })

  it('puts a card read ahead on screen without parsing HTML', () => {
    const text = 'Carte *lue* d’avance'
    richFragment(renderMarkdown(text))
    const parse = vi.spyOn(Element.prototype, 'innerHTML', 'set')
    const w = mount(ReviewRichText, { props: { text }, global: { plugins: [testI18n()] } })
    expect(w.find('[data-rich]').text()).toContain('Carte')
    expect(parse).not.toHaveBeenCalled()
  })
})

describe('rich-html', () => {
  it('gives new nodes each time: what one screen does to its copy leaves the next one alone', () => {
    const html = renderMarkdown('Un texte à **cloner**')
    const first = richFragment(html)
    first.firstChild!.textContent = 'modifié'
    const second = richFragment(html)
    expect(second.firstChild).not.toBe(first.firstChild)
    expect(second.textContent).toContain('Un texte à')
  })

  it('parses the cards read ahead before they are shown: showing one runs no HTML parser', () => {
    const card = (id: string, front: string, back: string): CardRow => ({
      id, deckId: 'd', entryId: id, ord: 0, source: 'user', tags: [], position: 0, hash: 'x', origin: 'user', retired: false,
      content: { id, kind: 'basic', source: 'user', tags: [], front, back },
    })
    warmCards([card('w1', 'Recto *lu* d’avance', 'Verso lu d’avance')], 'fr', '[…]')
    const parse = vi.spyOn(HTMLTemplateElement.prototype, 'innerHTML', 'set')
    expect(richFragment(renderMarkdown('Recto *lu* d’avance')).textContent).toContain('Recto')
    expect(richFragment(renderMarkdown('Verso lu d’avance')).textContent).toContain('Verso')
    expect(parse).not.toHaveBeenCalled()
    richFragment(renderMarkdown('Jamais lu'))
    expect(parse).toHaveBeenCalledTimes(1)
  })
})
