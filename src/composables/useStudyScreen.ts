// What both study screens (the daily review, the interview study) wire the same way: the keys
// (useStudyKeys) and the focus, which follows the flow: the card when it is shown, its answer when
// revealed (brought into view above the foot, so that a choice card's verdict and an interview
// card's key points are seen without scrolling), and the end screen's title.
import { watch, type Ref } from 'vue'
import { afterPaint } from './after-paint'
import { useStudyKeys, type CardKeyAction } from './useStudyKeys'
import { useSessionStore, type Phase } from '../stores/session'

export interface StudyScreenOptions {
  /** The element that holds the card. */
  stage: Ref<HTMLElement | null>
  /** The session is this screen's (the interview study shows its intro first). */
  active?: () => boolean
  /** The end screen's element to focus, when the screen does not focus it itself. */
  doneTarget?: () => HTMLElement | null
  /** Actions on the card on screen (the review screen's menu and keys). */
  act?: (action: CardKeyAction) => void
}

/** Scrolls the answer into the band between the header and the foot (their sizes are the scroll margins). */
function bringIntoView(stage: HTMLElement) {
  const target = stage.querySelector<HTMLElement>('[data-reveal]') ?? stage.querySelector<HTMLElement>('[data-test="back"]')
  target?.scrollIntoView({ block: 'nearest' })
}

export function useStudyScreen(o: StudyScreenOptions) {
  const session = useSessionStore()
  const active = o.active ?? (() => true)
  const phase = (): Phase => (active() ? session.phase : 'loading')

  // Moved after the paint: focusing lays the page out, which at 4x CPU took about 10 ms between the
  // key press and the new card.
  watch(
    () => [phase(), session.current?.card.id] as const,
    async ([p, id]) => {
      if (p === 'loading' || p === 'wait') return
      await afterPaint()
      if (phase() !== p || session.current?.card.id !== id) return
      const stage = o.stage.value
      if (!stage) return
      if (p === 'done') return o.doneTarget?.()?.focus({ preventScroll: true })
      if (p === 'question') return stage.focus({ preventScroll: true })
      stage.querySelector<HTMLElement>('[data-test="back"]')?.focus({ preventScroll: true })
      bringIntoView(stage)
    },
  )

  useStudyKeys({
    reveal: () => session.reveal(),
    grade: (g) => void session.grade(g),
    // Space or Enter on the answer: the proposed grade if the card proposes one, else Good (as Anki).
    confirm: () => void session.grade(session.proposed ?? 3),
    pick: (n) => session.pick(n),
    undo: () => void session.undo(),
    phase,
    act: o.act,
  })
}
