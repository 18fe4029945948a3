// @vitest-environment happy-dom
import { mount } from '@vue/test-utils'
import { describe, expect, it } from 'vitest'
import { defineComponent, h, ref } from 'vue'
import EditorDeckField from '../../src/components/editor/EditorDeckField.vue'
import { initialDeck, NEW_DECK } from '../../src/components/editor/editor-deck'
import type { DeckRow } from '../../src/db/database'
import { testI18n } from './i18n'

const deck = (id: string, title: string): DeckRow => ({ id, title, origin: 'user', contentHash: '', position: 1000, retired: false })

/** The field with its two models held by a parent, as the editor holds them. */
function mounted(decks: DeckRow[], start: string, title = '', error = '') {
  const deckId = ref(start)
  const newTitle = ref(title)
  const Host = defineComponent(() => () =>
    h(EditorDeckField, {
      decks,
      lang: 'fr',
      error,
      deckId: deckId.value,
      'onUpdate:deckId': (v: string) => (deckId.value = v),
      newTitle: newTitle.value,
      'onUpdate:newTitle': (v: string) => (newTitle.value = v),
    }),
  )
  return { w: mount(Host, { global: { plugins: [testI18n('fr')] } }), deckId, newTitle }
}

describe('the editor\'s deck field', () => {
  it('starts a learner without a deck on a new one, else on the deck asked for or the first', () => {
    expect(initialDeck([], '')).toBe(NEW_DECK)
    expect(initialDeck([], 'deck-gone')).toBe(NEW_DECK)
    const decks = [deck('deck-a', 'A'), deck('deck-b', 'B')]
    expect(initialDeck(decks, 'deck-b')).toBe('deck-b')
    expect(initialDeck(decks, 'pm-role')).toBe('deck-a')
  })

  it('without a deck of one\'s own: a title field labelled "Paquet", no select', async () => {
    const { w, newTitle } = mounted([], NEW_DECK, 'Mes cartes')
    expect(w.find('select').exists()).toBe(false)
    const input = w.find<HTMLInputElement>('#editor-new-deck')
    expect(input.element.value).toBe('Mes cartes')
    expect(w.find('label[for="editor-new-deck"]').text()).toBe('Paquet')
    expect(input.attributes('aria-describedby')).toBe('new-deck-help new-deck-errors')
    expect(w.find('#new-deck-help').text()).toMatch(/^Votre premier paquet/)
    await input.setValue('Discovery')
    expect(newTitle.value).toBe('Discovery')
  })

  it('with decks: a select of them and "Nouveau paquet…", which opens the title field', async () => {
    const { w, deckId } = mounted([deck('deck-a', 'A'), deck('deck-b', 'B')], 'deck-a')
    expect(w.findAll('option').map((o) => o.text())).toEqual(['A', 'B', 'Nouveau paquet…'])
    expect(w.find('#editor-new-deck').exists()).toBe(false)
    await w.find('select').setValue(NEW_DECK)
    expect(deckId.value).toBe(NEW_DECK)
    expect(w.find('label[for="editor-new-deck"]').text()).toBe('Titre du nouveau paquet')
    expect(w.find('#new-deck-help').text()).toMatch(/renommer dans Paquets/)
  })

  it('marks the title field invalid with its message', () => {
    const { w } = mounted([], NEW_DECK, '', 'Donnez un titre au nouveau paquet.')
    expect(w.find('#editor-new-deck').attributes('aria-invalid')).toBe('true')
    expect(w.find('#new-deck-errors').text()).toBe('Donnez un titre au nouveau paquet.')
  })
})
