// The review screen's chunk: loaded by its route, and fetched ahead once home is drawn and idle,
// so the tap on "Étudier" finds it loaded (a cold start on /review loads it right after the first
// bundle). Apart from the router so that home can ask for it without importing the router.
import { useSettingsStore } from '../stores/settings'
import { idle } from './first-screen'

export const loadReviewView = () => import('../views/ReviewView.vue')

/**
 * The review screen's code, then FSRS's (ts-fsrs, ~60 ms of evaluation on a mid-range phone), each
 * in an idle moment of its own once home is drawn: both are ready for the tap, and neither lengthens
 * a task of home's start.
 */
export function prefetchReview(): void {
  void loadReviewView()
    .then(() => idle())
    .then(() => useSettingsStore().loadScheduler())
    .catch(() => undefined)
}
