// Parts of the review screen that the first card may not need load apart from the first page: the
// choice and interview card kinds, the grade bar and the source shown with an answer. The review screen starts
// loading them as it opens, beside the queue's read, so no card waits for them (offline, they come
// from the service worker's cache).
import { defineAsyncComponent } from 'vue'
import type { CardRow } from '../../db/database'
import type { StudyLanguage } from '../../domain/content/localized'

const loadChoice = () => import('./ReviewCardChoice.vue')
const loadInterview = () => import('./ReviewCardInterview.vue')
const loadSource = () => import('./ReviewSource.vue')
const loadGradeBar = () => import('./ReviewGradeBar.vue')

export const ReviewCardChoice = defineAsyncComponent(loadChoice)
export const ReviewCardInterview = defineAsyncComponent(loadInterview)
export const ReviewSource = defineAsyncComponent(loadSource)
export const ReviewGradeBar = defineAsyncComponent(loadGradeBar)

/** Starts the loads; a failure shows when the part is rendered (Vue's async component error). */
export function prefetchReviewParts(): void {
  for (const load of [loadGradeBar, loadChoice, loadInterview, loadSource]) void load().catch(() => undefined)
}

/**
 * Renders the learner's own cards read ahead (Markdown, sanitised, parsed) as ReviewCard will show
 * them: showing or revealing one is then a clone, not 2 ms (10 at 4x CPU).
 */
export function warmRichText(cards: readonly CardRow[], lang: StudyLanguage, gap: string): void {
  if (!cards.some((c) => c.origin === 'user')) return
  void import('./rich-html').then(({ warmCards }) => warmCards(cards, lang, gap)).catch(() => undefined)
}
