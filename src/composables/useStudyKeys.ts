// Keyboard shortcuts of the review screen: Space/Enter show the answer, 1-4 grade, U or Ctrl+Z undo.
import { useEventListener } from '@vueuse/core'
import type { GradeValue } from '../domain/scheduling/schedule'

export interface StudyKeyHandlers {
  reveal: () => void
  grade: (g: GradeValue) => void
  undo: () => void
  canGrade: () => boolean
}

function typing(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null
  return !!el && (el.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(el.tagName))
}

export function useStudyKeys(h: StudyKeyHandlers) {
  useEventListener(window, 'keydown', (e: KeyboardEvent) => {
    if (typing(e.target) || e.altKey || e.metaKey) return
    if ((e.key === 'z' || e.key === 'Z') && e.ctrlKey) {
      e.preventDefault()
      h.undo()
      return
    }
    if (e.ctrlKey) return
    if (e.key === 'u' || e.key === 'U') {
      e.preventDefault()
      h.undo()
    } else if (e.key === ' ' || e.key === 'Enter') {
      // Enter on a focused button keeps its own meaning once the answer is shown.
      if (h.canGrade() && (e.target as HTMLElement | null)?.tagName === 'BUTTON') return
      e.preventDefault()
      if (!e.repeat) h.reveal()
    } else if (['1', '2', '3', '4'].includes(e.key) && h.canGrade()) {
      e.preventDefault()
      if (!e.repeat) h.grade(Number(e.key) as GradeValue)
    }
  })
}
