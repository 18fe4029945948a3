// @vitest-environment happy-dom
// The learner's cards on the review screen go through the Markdown renderer; built-in cards stay
// plain text. happy-dom's DOMPurify fails the renderer's probe, so here the safe fallback shows:
// escaped text. The sanitised Markdown itself is checked in Chromium (tests/e2e/browse.e2e.ts).
import { flushPromises, mount } from '@vue/test-utils'
import { describe, expect, it, vi } from 'vitest'
import ReviewCard from '../../src/components/review/ReviewCard.vue'
import type { CardRow } from '../../src/db/database'
import type { DeckEntry } from '../../src/domain/content/deck-schema'
import { testI18n } from './i18n'

function row(content: DeckEntry, origin: 'user' | 'builtin', ord = 0, source = 'user'): CardRow {
  return {
    id: content.kind === 'cloze' ? `${content.id}-c${ord}` : content.id,
    deckId: 'd1', entryId: content.id, ord, source, tags: [], position: 0, hash: 'x', content, origin, retired: false,
  }
}

const payload = '**gras** <img src=x onerror="alert(1)"><script>alert(2)</script>'

async function mounted(card: CardRow, revealed = true) {
  const w = mount(ReviewCard, { props: { card, revealed, lang: 'fr' }, global: { plugins: [testI18n()] } })
  // The rich-text component is loaded on demand (it carries marked and DOMPurify).
  if (card.origin === 'user') await vi.waitUntil(() => w.find('[data-rich]').exists(), { timeout: 5000 })
  await flushPromises()
  return w
}

describe('ReviewCard with the learner\'s own cards', () => {
  it('renders a user card through the rich-text path, never as live markup', async () => {
    const w = await mounted(row({ id: 'u1', kind: 'basic', source: 'user', tags: [], front: payload, back: 'Verso\nsur deux lignes' }, 'user'))
    const front = w.find('[data-test="front"]')
    expect(front.attributes('data-rich')).toBe('')
    expect(w.find('img').exists()).toBe(false)
    expect(w.find('script').exists()).toBe(false)
    expect(front.text()).toContain('<img src=x onerror="alert(1)">')
    expect(w.find('[data-test="back"]').html()).toContain('<br>')
  })

  it('hides the source control for a card without a source, keeps it for one with a source', async () => {
    const entry = { id: 'u2', kind: 'basic' as const, source: 'user', tags: [], front: 'a', back: 'b' }
    expect((await mounted(row(entry, 'user'))).find('details.source').exists()).toBe(false)
    expect((await mounted(row({ ...entry, source: 'livre.csv' }, 'user', 0, 'livre.csv'))).find('details.source').exists()).toBe(true)
  })

  it('asks and reveals a user cloze gap, the gap text escaped', async () => {
    const cloze = row({ id: 'u3', kind: 'cloze', source: 'user', tags: [], text: 'Le {{c1::<b>PO</b>}} et {{c2::x}}' }, 'user', 1)
    const asked = await mounted(cloze, false)
    expect(asked.find('.cloze--ask').text()).toContain('[…]')
    expect(asked.find('[data-test="front"]').text()).toContain('x')
    const shown = await mounted(cloze, true)
    expect(shown.find('.cloze--answer').text()).toBe('<b>PO</b>')
    expect(shown.find('.cloze--answer b').exists()).toBe(false)
  })

  it('leaves built-in cards as plain text', async () => {
    const w = await mounted(row({ id: 'b1', kind: 'basic', source: 'role', tags: [], front: { fr: '**pas du Markdown**' }, back: { fr: 'b' } }, 'builtin', 0, 'role'))
    expect(w.find('[data-rich]').exists()).toBe(false)
    expect(w.find('[data-test="front"]').text()).toBe('**pas du Markdown**')
  })
})
