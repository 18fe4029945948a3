// The review screen's chunk: loaded by its route, and fetched ahead once home is drawn and idle,
// so the tap on "Étudier" finds it loaded (a cold start on /review loads it right after the first
// bundle). Apart from the router so that home can ask for it without importing the router.
export const loadReviewView = () => import('../views/ReviewView.vue')

export function prefetchReview(): void {
  void loadReviewView().catch(() => undefined)
}
