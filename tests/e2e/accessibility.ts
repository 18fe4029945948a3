// The accessibility check every screen gets: axe-core, no horizontal scroll, touch targets >= 44 px.
import { AxeBuilder } from '@axe-core/playwright'
import type { Page } from 'playwright-core'

export async function screenViolations(page: Page, state: string): Promise<string[]> {
  const result = await new AxeBuilder({ page }).analyze()
  const found = result.violations.map((v) => `${state}: ${v.id} (${v.impact}) ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)
  const phone = await page.evaluate(() => {
    const problems: string[] = []
    if (document.documentElement.scrollWidth > window.innerWidth) problems.push(`horizontal scroll (${document.documentElement.scrollWidth}px)`)
    for (const el of document.querySelectorAll<HTMLElement>('button, a[href], input, select, textarea, summary')) {
      // A checkbox's target is its whole label.
      const target = el instanceof HTMLInputElement && ['checkbox', 'radio'].includes(el.type) ? (el.closest('label') ?? el) : el
      const r = target.getBoundingClientRect()
      if (r.width === 0 || el.closest('.visually-hidden, .skip-link, dialog:not([open])')) continue
      if (r.height < 44 || r.width < 44) problems.push(`small target ${el.tagName.toLowerCase()} "${(el.textContent ?? '').trim().slice(0, 30)}" ${Math.round(r.width)}x${Math.round(r.height)}`)
    }
    return problems
  })
  return [...found, ...phone.map((p) => `${state}: ${p}`)]
}
