// @vitest-environment happy-dom
// The real sanitiser is checked in Chromium (tests/e2e/browse.e2e.ts): happy-dom breaks DOMPurify's
// node walk, which is exactly the case where the renderer must fall back to plain text.
import { describe, expect, it } from 'vitest'
import {
  createSanitizer,
  escapeHtml,
  markdownToHtml,
  renderClozeMarkdown,
  renderMarkdown,
  type Sanitize,
} from '../../src/domain/user-content/markdown'

const PAYLOADS = [
  '<script>alert(1)</script>',
  '<img src=x onerror="alert(1)">',
  '[clic](javascript:alert(1))',
  '<a href="javascript:alert(1)">lien</a>',
  '<svg onload="alert(1)"><circle r="5"/></svg>',
  '<iframe src="javascript:alert(1)"></iframe>',
  '![x](x" onerror="alert(1))',
  '<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>',
]

/** Parses the output and lists anything that could run. */
function dangers(html: string): string[] {
  const box = document.createElement('div')
  box.innerHTML = html
  const found: string[] = []
  for (const el of box.querySelectorAll('*')) {
    if (['SCRIPT', 'IMG', 'SVG', 'IFRAME', 'MATH', 'STYLE'].includes(el.tagName.toUpperCase())) found.push(el.tagName)
    for (const a of el.attributes) {
      if (a.name.startsWith('on') || /^\s*javascript:/i.test(a.value)) found.push(`${el.tagName}[${a.name}]`)
    }
  }
  return found
}

describe('Markdown rendering', () => {
  it('renders emphasis and lists', () => {
    expect(markdownToHtml('**gras** et *italique*\n\n- un\n- deux')).toBe('<p><strong>gras</strong> et <em>italique</em></p>\n<ul>\n<li>un</li>\n<li>deux</li>\n</ul>\n')
  })

  it('never lets a payload through, whatever the DOM', () => {
    for (const payload of PAYLOADS) expect(dangers(renderMarkdown(payload)), payload).toEqual([])
  })

  it('falls back to escaped text when the sanitiser cannot prove itself', () => {
    expect(renderMarkdown('<b>x</b>\n*y*', null)).toBe('&#60;b&#62;x&#60;/b&#62;<br>*y*')
    const broken = { isSupported: true, addHook: () => {}, sanitize: (html: string) => html } as unknown as Parameters<typeof createSanitizer>[0]
    expect(createSanitizer(broken)).toBeNull()
    expect(createSanitizer({ ...broken, isSupported: false } as typeof broken)).toBeNull()
  })

  it('uses a sanitiser that passes its probe', () => {
    // A stand-in that does what DOMPurify does in a browser for this probe.
    const strict: Sanitize = (html) => html.replace(/<(?!\/?(p|strong|em|ul|li|b)>)[^>]*>/g, '')
    expect(renderMarkdown('**a** <img src=x onerror=alert(1)>', strict)).toBe('<p><strong>a</strong> </p>\n')
  })

  it('escapes the five HTML characters', () => {
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe('&#60;a href=&#34;x&#34;&#62;&#39;&#38;&#39;&#60;/a&#62;')
  })
})

describe('cloze rendering for the learner\'s cards', () => {
  const pass: Sanitize = (html) => html
  it('hides the asked gap and keeps the Markdown around it', () => {
    const html = renderClozeMarkdown('**Le** {{c1::PM::rôle}} et le {{c2::PO}}', 1, false, { gap: 'trou' }, pass)
    expect(html).toBe('<p><strong>Le</strong> <mark class="cloze cloze--ask">[rôle]<span class="visually-hidden"> (trou)</span></mark> et le PO</p>\n')
  })

  it('reveals the answer as escaped text, marked for focus', () => {
    const html = renderClozeMarkdown('x {{c1::<img src=x onerror=alert(1)>}}', 1, true, { gap: 'trou' }, pass)
    expect(html).toBe('<p>x <mark class="cloze cloze--answer" data-test="back" tabindex="-1">&#60;img src=x onerror=alert(1)&#62;</mark></p>\n')
    expect(dangers(html)).toEqual([])
  })

  it('keeps what it rendered apart per text, gap, state and label (the review screen renders ahead)', () => {
    const text = '**Le** {{c1::PM}} et le {{c2::PO}}'
    const asked = renderClozeMarkdown(text, 1, false, { gap: 'trou' })
    expect(renderClozeMarkdown(text, 1, false, { gap: 'trou' })).toBe(asked)
    expect(renderClozeMarkdown(text, 1, true, { gap: 'trou' })).toContain('PM')
    expect(renderClozeMarkdown(text, 2, false, { gap: 'trou' })).not.toBe(asked)
    expect(renderClozeMarkdown(text, 1, false, { gap: 'gap' })).toContain('gap')
    expect(renderMarkdown('*a*')).not.toBe(renderMarkdown('*b*'))
    // More texts than it keeps: the first one is rendered again, the same.
    const first = renderMarkdown('premier')
    for (let i = 0; i < 100; i++) renderMarkdown(`texte ${i}`)
    expect(renderMarkdown('premier')).toBe(first)
  })

  it('ignores placeholder characters typed by the learner', () => {
    expect(renderClozeMarkdown('a\uE0000\uE001 {{c1::b}}', 1, true, { gap: 't' }, pass)).not.toContain('\uE000')
  })
})
