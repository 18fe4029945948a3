// Heavy parts of the stats screen (charts, the year calendar) are drawn once they come within a
// screen's height of the viewport: a phone shows two or three of them at first, and each costs
// 10 to 40 ms to draw (four times that at 4x CPU). Until then their text alternative is there.
import { onMounted, ref, type Ref } from 'vue'
import { useIntersectionObserver } from '@vueuse/core'

export function useNearScreen(target: Ref<HTMLElement | null>): Ref<boolean> {
  const near = ref(typeof IntersectionObserver === 'undefined')
  const { stop } = useIntersectionObserver(
    target,
    (entries) => {
      if (!entries.some((e) => e.isIntersecting)) return
      near.value = true
      stop()
    },
    { rootMargin: '100% 0px' },
  )
  // Near from the start: drawn with the screen (the observer would only answer a frame later).
  onMounted(() => {
    const top = target.value?.getBoundingClientRect().top
    if (top !== undefined && top < window.innerHeight * 2) {
      near.value = true
      stop()
    }
  })
  return near
}
