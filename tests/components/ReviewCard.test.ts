// @vitest-environment happy-dom
import { mount } from '@vue/test-utils'
import { describe, expect, it } from 'vitest'
import ReviewCard from '../../src/components/review/ReviewCard.vue'
import type { CardRow } from '../../src/db/database'
import type { DeckEntry } from '../../src/domain/content/deck-schema'
import { testI18n } from './i18n'

function row(content: DeckEntry, ord = 0): CardRow {
  return {
    id: content.kind === 'cloze' ? `${content.id}-c${ord}` : content.id,
    deckId: 'd1', entryId: content.id, ord, source: 'role', tags: [], position: 0, hash: 'x',
    content, origin: 'builtin', retired: false,
  }
}

const basic = row({
  id: 'b1', kind: 'basic', source: 'role', tags: [],
  front: { fr: 'Question <b>en gras</b> ?', en: 'Question in English?' },
  back: { fr: '<img src=x onerror="alert(1)">Réponse', en: 'Answer' },
})

describe('ReviewCard', () => {
  it('shows only the front until revealed, then the back', async () => {
    const w = mount(ReviewCard, { props: { card: basic, revealed: false, lang: 'fr' }, global: { plugins: [testI18n()] } })
    expect(w.find('[data-test="front"]').text()).toBe('Question <b>en gras</b> ?')
    expect(w.find('[data-test="back"]').exists()).toBe(false)
    await w.setProps({ revealed: true })
    expect(w.find('[data-test="back"]').text()).toContain('Réponse')
  })

  it('renders card text as text, never as HTML', () => {
    const w = mount(ReviewCard, { props: { card: basic, revealed: true, lang: 'fr' }, global: { plugins: [testI18n()] } })
    expect(w.find('b').exists()).toBe(false)
    expect(w.find('img').exists()).toBe(false)
    expect(w.find('[data-test="back"]').text()).toBe('<img src=x onerror="alert(1)">Réponse')
  })

  it('uses the study language', () => {
    const w = mount(ReviewCard, { props: { card: basic, revealed: true, lang: 'en' }, global: { plugins: [testI18n('en')] } })
    expect(w.find('[data-test="front"]').text()).toBe('Question in English?')
    expect(w.find('[data-test="back"]').text()).toBe('Answer')
  })

  it('hides the asked cloze gap and reveals it', async () => {
    const cloze = row({ id: 'cz', kind: 'cloze', source: 'role', tags: [], text: { fr: 'Le PM est le {{c1::chef d’orchestre::rôle}} du {{c2::produit}}.', en: 'x {{c1::a}} {{c2::b}}' } }, 1)
    const w = mount(ReviewCard, { props: { card: cloze, revealed: false, lang: 'fr' }, global: { plugins: [testI18n()] } })
    expect(w.find('[data-test="front"]').text()).toBe('Le PM est le [rôle] du produit.')
    await w.setProps({ revealed: true })
    expect(w.find('[data-test="front"]').text()).toBe('Le PM est le chef d’orchestre du produit.')
    expect(w.find('mark[data-test="back"]').text()).toBe('chef d’orchestre')
  })
})
