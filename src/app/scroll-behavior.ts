// Where a navigation leaves the page: back and forward return where the learner was, a new page
// opens at its top, a link with a hash scrolls to its target. Views draw once their data is read,
// so the scroll waits a moment for the page to be tall enough, or for the target to exist.
import type { RouterScrollBehavior } from 'vue-router'

const WAIT_MS = 1000
/** Room kept above a hash target: its label, usually just before it, stays in view. */
const TARGET_MARGIN_PX = 64

function when(ready: () => boolean): Promise<void> {
  const start = performance.now()
  return new Promise((resolve) => {
    const check = () => (ready() || performance.now() - start > WAIT_MS ? resolve() : requestAnimationFrame(check))
    check()
  })
}

const target = (hash: string) => document.getElementById(decodeURIComponent(hash.slice(1)))

export const scrollBehavior: RouterScrollBehavior = (to, from, saved) => {
  if (saved) return when(() => document.documentElement.scrollHeight - window.innerHeight >= saved.top).then(() => saved)
  if (to.hash) {
    return when(() => target(to.hash) !== null).then(() => {
      const el = target(to.hash)
      return el ? { el, top: TARGET_MARGIN_PX } : { top: 0 }
    })
  }
  // Same page, another query (a filter kept in the address): the learner stays where they are.
  if (to.path === from.path) return false
  return { top: 0 }
}
