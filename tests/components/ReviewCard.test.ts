// @vitest-environment happy-dom
import { flushPromises, mount } from '@vue/test-utils'
import { describe, expect, it, vi } from 'vitest'
import ReviewCard from '../../src/components/review/ReviewCard.vue'
import type { CardRow } from '../../src/db/database'
import type { DeckEntry } from '../../src/domain/content/deck-schema'
import { testI18n } from './i18n'

/** The choice and interview kinds and the source load apart (review-parts.ts): let them arrive. */
async function loaded<T>(w: T): Promise<T> {
  await vi.dynamicImportSettled()
  await flushPromises()
  return w
}

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
    expect(w.find('[data-test="front"]').text()).toBe('Le PM est le [rôle] (trou à compléter) du produit.')
    await w.setProps({ revealed: true })
    expect(w.find('[data-test="front"]').text()).toBe('Le PM est le chef d’orchestre du produit.')
    expect(w.find('mark[data-test="back"]').text()).toBe('chef d’orchestre')
  })
})

describe('ReviewCard, interactive kinds', () => {
  const choice = row({
    id: 'ch', kind: 'choice', source: 'pm-vs-po', tags: [],
    question: { fr: 'Qui rédige les user stories ?', en: 'Who writes user stories?' },
    options: [
      { text: { fr: 'Le PO', en: 'The PO' }, correct: true },
      { text: { fr: 'Le CEO', en: 'The CEO' }, correct: false },
      { text: { fr: 'Le designer', en: 'The designer' }, correct: false },
    ],
    explanation: { fr: 'Le PO est centré sur les user stories.', en: 'The PO focuses on user stories.' },
  })

  it('shows a choice card\'s options in the given order and emits the picked position', async () => {
    const w = await loaded(mount(ReviewCard, { props: { card: choice, revealed: false, lang: 'fr', order: [2, 0, 1] }, global: { plugins: [testI18n()] } }))
    expect(w.findAll('.option').map((o) => o.text().replace(/^\d/, ''))).toEqual(['Le designer', 'Le PO', 'Le CEO'])
    expect(w.find('[data-correct]').exists()).toBe(false)
    await w.findAll('.option')[1]!.trigger('click')
    expect(w.emitted('pick')).toEqual([[1]])
  })

  it('marks the right and the wrong pick once revealed, with the explanation', async () => {
    const w = await loaded(mount(ReviewCard, { props: { card: choice, revealed: true, lang: 'fr', order: [0, 1, 2], picked: 1 }, global: { plugins: [testI18n()] } }))
    expect(w.find('.option--correct').text()).toContain('Le PO')
    expect(w.find('.option--wrong').text()).toContain('Le CEO')
    expect(w.find('.verdict').text()).toBe('Mauvaise réponse. Le PO est centré sur les user stories.')
  })

  const interview = row({
    id: 'iv', kind: 'interview', source: 'ceo-analogy', tags: [],
    question: { fr: 'Le PM est-il le CEO du produit ?', en: 'Is the PM the CEO of the product?' },
    answer: { fr: 'En partie : vision globale, mais sans autorité.', en: 'Partly.' },
    keyPoints: [{ fr: 'Vision globale', en: 'Overall view' }, { fr: 'Pas d’autorité', en: 'No authority' }, { fr: 'Influence', en: 'Influence' }],
  })

  it('keeps the model answer hidden until revealed, then lists key points to tick', async () => {
    const w = await loaded(mount(ReviewCard, { props: { card: interview, revealed: false, lang: 'fr', covered: [] }, global: { plugins: [testI18n()] } }))
    expect(w.text()).not.toContain('sans autorité')
    await w.find('textarea').setValue('mes notes')
    expect(w.emitted('update:notes')).toEqual([['mes notes']])
    await w.setProps({ revealed: true, covered: [2] })
    expect(w.text()).toContain('En partie : vision globale, mais sans autorité.')
    expect(w.findAll('input[type=checkbox]').map((c) => (c.element as HTMLInputElement).checked)).toEqual([false, false, true])
    expect(w.text()).toContain('Points clés couverts\u202f: 1 sur 3')
    await w.findAll('input[type=checkbox]')[0]!.trigger('change')
    expect(w.emitted('toggle')).toEqual([[0]])
  })
})
