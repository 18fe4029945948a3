// The check every screen gets, in one place: axe-core, no horizontal scroll, touch targets of
// 44 px, no text cut by its box, no raw message key, and French typography (a narrow no-break
// space, never a plain one, before ? ! : ; and inside « »).
import { AxeBuilder } from '@axe-core/playwright'
import type { Page } from 'playwright-core'

export interface ScreenCheck {
  /** The screen is in French: its text is checked for plain spaces before ? ! : ; and inside « ». */
  french?: boolean
  /** Only these axe rules, and no layout check (a second theme changes colours, not boxes). */
  colorsOnly?: boolean
}

export async function screenViolations(page: Page, state: string, check: ScreenCheck = {}): Promise<string[]> {
  const axe = new AxeBuilder({ page })
  if (check.colorsOnly) axe.withRules(['color-contrast', 'link-in-text-block'])
  const result = await axe.analyze()
  const found = result.violations.map((v) => `${v.id} (${v.impact}) ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)
  const layout = check.colorsOnly ? [] : await page.evaluate(layoutProblems, check.french ?? false)
  return [...found, ...layout].map((p) => `${state}: ${p}`)
}

/** Runs in the page. Kept self-contained: Playwright sends its source, not its closure. */
function layoutProblems(french: boolean): string[] {
  const problems: string[] = []
  const describe = (el: Element) => {
    const cls = typeof el.className === 'string' && el.className ? `.${el.className.trim().split(/\s+/).join('.')}` : ''
    const test = el.getAttribute('data-test')
    return `${el.tagName.toLowerCase()}${cls}${test ? `[data-test="${test}"]` : ''} "${(el.textContent ?? '').trim().replace(/\s+/g, ' ').slice(0, 40)}"`
  }
  const shown = (el: Element) => {
    const r = el.getBoundingClientRect()
    return r.width > 0 && r.height > 0 && !el.closest('.visually-hidden, .skip-link, dialog:not([open]), [hidden], [aria-hidden="true"]')
  }

  // Horizontal scroll: name what sticks out.
  if (document.documentElement.scrollWidth > window.innerWidth) {
    const wide = [...document.querySelectorAll('body *')].filter((e) => e.getBoundingClientRect().right > window.innerWidth + 1 && shown(e))
    problems.push(`horizontal scroll (${document.documentElement.scrollWidth}px): ${wide.slice(-2).map(describe).join(' | ')}`)
  }

  // Targets of 44 px at least. A checkbox, radio or file input is also pressed through its label:
  // its target is the largest of the input and its labels.
  const area = (e: Element) => {
    const r = e.getBoundingClientRect()
    return r.width * r.height
  }
  for (const el of document.querySelectorAll<HTMLElement>('button, a[href], input, select, textarea, summary, label.button')) {
    if (el instanceof HTMLInputElement && el.type === 'hidden') continue
    const labelled = el instanceof HTMLInputElement && ['checkbox', 'radio', 'file'].includes(el.type)
    const candidates = labelled ? [el, ...(el as HTMLInputElement).labels!].filter(shown) : [el]
    const target = candidates.sort((a, b) => area(b) - area(a))[0] ?? el
    if (!shown(target) || getComputedStyle(el).visibility === 'hidden') continue
    const r = target.getBoundingClientRect()
    if (r.height < 44 || r.width < 44) problems.push(`small target ${describe(el)} ${Math.round(r.width)}x${Math.round(r.height)}`)
  }

  // Text cut by a box that hides its overflow, except where the design clamps with an ellipsis.
  for (const el of document.querySelectorAll<HTMLElement>('body *')) {
    const style = getComputedStyle(el)
    const hidesX = style.overflowX === 'hidden' || style.overflowX === 'clip'
    const hidesY = style.overflowY === 'hidden' || style.overflowY === 'clip'
    if (!hidesX && !hidesY) continue
    if (!shown(el) || !el.textContent?.trim() || el instanceof HTMLCanvasElement) continue
    // An ellipsis shows on a block's own line of text; a flex or grid box cuts its items without one.
    const clamps = !/flex|grid/.test(style.display) && (style.textOverflow === 'ellipsis' || (!!style.webkitLineClamp && style.webkitLineClamp !== 'none'))
    if (clamps) continue
    const cutX = hidesX && el.scrollWidth > el.clientWidth + 1
    const cutY = hidesY && el.scrollHeight > el.clientHeight + 1
    if (cutX || cutY) problems.push(`text cut ${describe(el)} (${el.scrollWidth}x${el.scrollHeight} in ${el.clientWidth}x${el.clientHeight})`)
  }

  // Raw message keys ("stats.range.label") and, in French, a plain space before ? ! : ; or inside « ».
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT)
  const rawKey = /^\s*[a-z][a-zA-Z]*(?:\.[a-zA-Z][\w-]*){1,}\s*$/
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const text = node.nodeValue ?? ''
    const parent = node.parentElement
    if (!parent || !text.trim() || parent.closest('script, style, code, pre, textarea, [translate="no"]') || !shown(parent)) continue
    if (rawKey.test(text) && !/\.(?:md|csv|tsv|json|yaml|fr|com|io)\s*$/.test(text)) problems.push(`raw message key "${text.trim()}"`)
    if (!french) continue
    const bad = / [?!:;»]|« /.exec(text)
    if (bad) problems.push(`plain space in French: "…${text.slice(Math.max(0, bad.index - 25), bad.index + 3).trim()}" in ${describe(parent)}`)
  }
  return problems
}
