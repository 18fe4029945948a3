import { describe, expect, it } from 'vitest'
import { clozeOrdinals, parseClozeGaps, renderCloze } from '../../src/domain/content/cloze'

describe('cloze', () => {
  const text = 'Le PM est le {{c1::chef d’orchestre::métaphore}} du {{c2::produit}}.'

  it('parses gaps with optional hints', () => {
    expect(parseClozeGaps(text)).toEqual([
      { ord: 1, answer: 'chef d’orchestre', hint: 'métaphore' },
      { ord: 2, answer: 'produit' },
    ])
    expect(clozeOrdinals('{{c2::a}} {{c1::b}} {{c2::c}}')).toEqual([1, 2])
  })

  it('hides only the asked gap, with its hint, and reveals it on the back', () => {
    expect(renderCloze(text, 1, false)).toEqual([
      { type: 'text', text: 'Le PM est le ' },
      { type: 'ask', text: '[métaphore]' },
      { type: 'text', text: ' du ' },
      { type: 'text', text: 'produit' },
      { type: 'text', text: '.' },
    ])
    expect(renderCloze(text, 2, false)[3]).toEqual({ type: 'ask', text: '[…]' })
    expect(renderCloze(text, 2, true)[3]).toEqual({ type: 'answer', text: 'produit' })
  })

  it('keeps markup-looking text as plain text segments', () => {
    expect(renderCloze('<b>{{c1::x}}</b>', 1, true)).toEqual([
      { type: 'text', text: '<b>' },
      { type: 'answer', text: 'x' },
      { type: 'text', text: '</b>' },
    ])
  })
})
