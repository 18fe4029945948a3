// Keyboard shortcuts of the review screen, as in Anki: Space/Enter show the answer, then confirm;
// 1-4 grade; on a choice card's question, 1-5 pick an option; U or Ctrl+Z undo.
import { releaseFocus } from './release-focus'
import { useWindowEvent } from './useWindowEvent'
import type { GradeValue } from '../domain/scheduling/schedule'
import type { Phase } from '../stores/session'

export interface StudyKeyHandlers {
  reveal: () => void
  grade: (g: GradeValue) => void
  confirm: () => void
  /** Picks the n-th option (0-based) of a choice card; false when the card has none. */
  pick: (n: number) => boolean
  undo: () => void
  phase: () => Phase
}

function typing(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null
  return !!el && (el.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(el.tagName))
}

export function useStudyKeys(h: StudyKeyHandlers) {
  useWindowEvent('keydown', (e) => {
    if (typing(e.target) || e.altKey || e.metaKey || e.repeat) return
    const phase = h.phase()
    if ((e.key === 'z' || e.key === 'Z') && e.ctrlKey) {
      e.preventDefault()
      h.undo()
      return
    }
    if (e.ctrlKey) return
    const onControl = ['BUTTON', 'A', 'SUMMARY'].includes((e.target as HTMLElement | null)?.tagName ?? '')
    if (e.key === 'u' || e.key === 'U') {
      e.preventDefault()
      h.undo()
    } else if (e.key === ' ' || e.key === 'Enter') {
      // A focused button or link keeps its own meaning.
      if (onControl) return
      e.preventDefault()
      if (phase === 'question') h.reveal()
      else if (phase === 'answer') {
        // The answer on screen is about to go: see releaseFocus.
        releaseFocus()
        h.confirm()
      }
    } else if (/^[1-5]$/.test(e.key)) {
      const n = Number(e.key)
      if (phase === 'question' && h.pick(n - 1)) e.preventDefault()
      else if (phase === 'answer' && n <= 4) {
        e.preventDefault()
        releaseFocus()
        h.grade(n as GradeValue)
      }
    }
  })
}
