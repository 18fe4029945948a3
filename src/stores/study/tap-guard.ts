// The double-tap guard (Anki's): a tap or key on a card, or an answer, shown for less than the
// guard time is ignored, so the second tap of a double tap cannot grade one card and reveal the
// next unseen. `guarded` drives the buttons (disabled meanwhile); `tooSoon` checks each input.
import { ref } from 'vue'
import { clock } from '../../composables/clock'

export function createTapGuard(guardMs: () => number) {
  const guarded = ref(false)
  let shownAt = 0
  let timer: ReturnType<typeof setTimeout> | undefined

  /** Something was just put on screen (a card, or its answer), at `atMs`. */
  function start(atMs: number) {
    clearTimeout(timer)
    shownAt = atMs
    const ms = guardMs()
    guarded.value = ms > 0
    if (ms > 0) timer = setTimeout(() => (guarded.value = false), Math.max(0, atMs + ms - clock.now()))
  }

  /** A tap or key that comes within the guard time of what is on screen. */
  function tooSoon(): boolean {
    return clock.now() - shownAt < guardMs()
  }

  function stop() {
    clearTimeout(timer)
  }

  return { guarded, start, tooSoon, stop }
}
