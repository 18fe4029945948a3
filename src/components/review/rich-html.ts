// The learner's rendered Markdown (already safe: see domain/user-content/markdown) parsed once into
// an inert <template>, then cloned where it is shown. Setting innerHTML runs the HTML parser each
// time a card is shown or revealed, inside the key press's task; a clone of parsed nodes costs a
// fraction of that. The review screen parses the cards it read ahead (warmCards), so the key press
// that shows one only clones.
import type { CardRow } from '../../db/database'
import { pickText, type StudyLanguage } from '../../domain/content/localized'
import { renderClozeMarkdown, renderMarkdown } from '../../domain/user-content/markdown'

const parsed = new Map<string, HTMLTemplateElement>()
/** As many as the Markdown renderer keeps: both sides of the cards read ahead. */
const PARSED_MAX = 64

function template(html: string): HTMLTemplateElement {
  let t = parsed.get(html)
  if (!t) {
    t = document.createElement('template')
    t.innerHTML = html
    parsed.set(html, t)
    if (parsed.size > PARSED_MAX) parsed.delete(parsed.keys().next().value!)
  }
  return t
}

/** New nodes for sanitised HTML, to put in the page. */
export function richFragment(html: string): DocumentFragment {
  return template(html).content.cloneNode(true) as DocumentFragment
}

/**
 * Renders and parses the learner's own cards read ahead, both sides, as ReviewCard will show them:
 * showing or revealing one is then a look-up and a clone (rendering is 2 ms a card, 10 at 4x CPU).
 */
export function warmCards(cards: readonly CardRow[], lang: StudyLanguage, gap: string): void {
  for (const { content, ord, origin } of cards) {
    if (origin !== 'user') continue
    if (content.kind === 'basic') {
      template(renderMarkdown(pickText(content.front, lang)))
      template(renderMarkdown(pickText(content.back, lang)))
    } else if (content.kind === 'cloze') {
      const text = pickText(content.text, lang)
      template(renderClozeMarkdown(text, ord, false, { gap }))
      template(renderClozeMarkdown(text, ord, true, { gap }))
      if (content.extra) template(renderMarkdown(pickText(content.extra, lang)))
    }
  }
}
