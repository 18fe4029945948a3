// Parts of the review screen that the first card may not need load apart from the first page: the
// choice and interview card kinds, and the source shown with an answer. The review screen starts
// loading them as it opens, beside the queue's read, so no card waits for them (offline, they come
// from the service worker's cache).
import { defineAsyncComponent } from 'vue'
import type { CardRow } from '../../db/database'
import { pickText, type StudyLanguage } from '../../domain/content/localized'

const loadChoice = () => import('./ReviewCardChoice.vue')
const loadInterview = () => import('./ReviewCardInterview.vue')
const loadSource = () => import('./ReviewSource.vue')

export const ReviewCardChoice = defineAsyncComponent(loadChoice)
export const ReviewCardInterview = defineAsyncComponent(loadInterview)
export const ReviewSource = defineAsyncComponent(loadSource)

/** Starts the loads; a failure shows when the part is rendered (Vue's async component error). */
export function prefetchReviewParts(): void {
  for (const load of [loadChoice, loadInterview, loadSource]) void load().catch(() => undefined)
}

/**
 * Renders the learner's own cards read ahead (Markdown, sanitised) into the renderer's cache, as
 * ReviewCard will show them: showing or revealing the card is then a look-up, not 2 ms (10 at 4x CPU).
 */
export function warmRichText(cards: readonly CardRow[], lang: StudyLanguage, gap: string): void {
  const own = cards.filter((c) => c.origin === 'user')
  if (own.length === 0) return
  void import('../../domain/user-content/markdown')
    .then(({ renderMarkdown, renderClozeMarkdown }) => {
      // Both sides: the question when the card is shown, the answer when it is revealed.
      for (const { content, ord } of own) {
        if (content.kind === 'basic') {
          renderMarkdown(pickText(content.front, lang))
          renderMarkdown(pickText(content.back, lang))
        } else if (content.kind === 'cloze') {
          const text = pickText(content.text, lang)
          renderClozeMarkdown(text, ord, false, { gap })
          renderClozeMarkdown(text, ord, true, { gap })
          if (content.extra) renderMarkdown(pickText(content.extra, lang))
        }
      }
    })
    .catch(() => undefined)
}
