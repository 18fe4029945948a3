// The learner's Markdown (emphasis, lists, links) as HTML that is safe to insert: marked renders,
// DOMPurify keeps a short list of tags, and if the sanitiser does not work here, plain text is shown.
import DOMPurify, { type DOMPurify as Purifier } from 'dompurify'
import { Marked } from 'marked'
import { renderCloze } from '../content/cloze'

const ALLOWED_TAGS = [
  'p', 'br', 'strong', 'b', 'em', 'i', 'u', 's', 'del', 'code', 'pre', 'ul', 'ol', 'li', 'blockquote',
  'a', 'hr', 'sub', 'sup', 'mark', 'span', 'small',
]
const ALLOWED_ATTR = ['href', 'title', 'start']

const marked = new Marked({ gfm: true, breaks: true })

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)
}

/** Marked's output, not yet safe. */
export function markdownToHtml(text: string): string {
  return marked.parse(text, { async: false })
}

export type Sanitize = (html: string) => string

/**
 * A sanitiser that proves itself first: it must strip a known payload. A DOM where DOMPurify
 * silently fails (some test DOMs) gets `null`, and the caller falls back to escaped text.
 */
export function createSanitizer(purify: Purifier): Sanitize | null {
  if (!purify.isSupported) return null
  purify.addHook('afterSanitizeAttributes', (node) => {
    // Links open outside the app, without giving the new page a handle on this one.
    if (node.tagName === 'A') {
      node.setAttribute('target', '_blank')
      node.setAttribute('rel', 'noopener noreferrer')
    }
  })
  const sanitize: Sanitize = (html) => purify.sanitize(html, { ALLOWED_TAGS, ALLOWED_ATTR, ALLOW_DATA_ATTR: false })
  // No inline handler in the probe: Chromium reports a CSP violation for one even in a parsed, inert document.
  const probe = sanitize('<b title="t" data-x="1">ok</b><img src="x"><script>x()</script><a href="javascript:x()">l</a><svg><g></g></svg>')
  const works = probe.startsWith('<b title="t">ok</b>') && !/data-x|<img|<script|javascript:|<svg/i.test(probe)
  return works ? sanitize : null
}

let sanitizer: Sanitize | null | undefined

function defaultSanitizer(): Sanitize | null {
  if (sanitizer === undefined) sanitizer = typeof window === 'undefined' ? null : createSanitizer(DOMPurify(window))
  return sanitizer
}

function plain(text: string): string {
  return escapeHtml(text).replace(/\n/g, '<br>')
}

/**
 * The last texts rendered with the default sanitiser. Marked and DOMPurify take about 2 ms a card
 * (10 ms at 4x CPU): the review screen renders the cards it read ahead before they are shown
 * (warmRichText), so showing one is a look-up.
 */
const rendered = new Map<string, string>()
const RENDERED_MAX = 64

function remember(key: string, render: () => string): string {
  let html = rendered.get(key)
  if (html === undefined) {
    html = render()
    rendered.set(key, html)
    if (rendered.size > RENDERED_MAX) rendered.delete(rendered.keys().next().value!)
  }
  return html
}

/** Safe HTML for a piece of the learner's Markdown (no sanitiser given: the default one, cached). */
export function renderMarkdown(text: string, sanitize?: Sanitize | null): string {
  if (sanitize === undefined) return remember(`m\u0000${text}`, () => renderMarkdown(text, defaultSanitizer()))
  if (!sanitize) return plain(text)
  return sanitize(markdownToHtml(text))
}

export interface ClozeLabels {
  /** Said by screen readers after the hidden gap. */
  gap: string
}

// Private-use characters mark where gaps go: they pass through Markdown and the sanitiser as text.
const MARK_OPEN = '\uE000'
const MARK_CLOSE = '\uE001'
const PLACEHOLDER = new RegExp(`${MARK_OPEN}(\\d+)${MARK_CLOSE}`, 'g')

/**
 * A cloze card's text as safe HTML: the text around the gaps is Markdown; gaps are inserted after
 * sanitising, built here from escaped text, so their markup is ours and their text is only text.
 */
export function renderClozeMarkdown(
  text: string,
  ord: number,
  revealed: boolean,
  labels: ClozeLabels,
  sanitize?: Sanitize | null,
): string {
  if (sanitize === undefined) {
    return remember(`c\u0000${ord}\u0000${revealed}\u0000${labels.gap}\u0000${text}`, () =>
      renderClozeMarkdown(text, ord, revealed, labels, defaultSanitizer()),
    )
  }
  const clean = text.replace(/[\uE000\uE001]/g, '')
  const gaps: string[] = []
  let source = ''
  for (const seg of renderCloze(clean, ord, revealed)) {
    if (seg.type === 'text') {
      source += seg.text
      continue
    }
    gaps.push(
      seg.type === 'ask'
        ? `<mark class="cloze cloze--ask">${escapeHtml(seg.text)}<span class="visually-hidden"> (${escapeHtml(labels.gap)})</span></mark>`
        : `<mark class="cloze cloze--answer" data-test="back" tabindex="-1">${escapeHtml(seg.text)}</mark>`,
    )
    source += `${MARK_OPEN}${gaps.length - 1}${MARK_CLOSE}`
  }
  const html = sanitize ? sanitize(markdownToHtml(source)) : plain(source)
  return html.replace(PLACEHOLDER, (_, i: string) => gaps[Number(i)] ?? '')
}
