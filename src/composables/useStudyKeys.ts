// Keyboard shortcuts of the study screens, as in Anki: Space/Enter show the answer, then confirm;
// 1-4 grade; on a choice card's question, 1-5 pick an option; U or Ctrl+Z undo. On the card (when
// the screen offers card actions): Ctrl+1-7 flag (the same colour again removes it), @ suspend,
// - bury, Ctrl+Alt+N forget, E edit, I card info.
import { releaseFocus } from './release-focus'
import { useWindowEvent } from './useWindowEvent'
import type { FlagColor, GradeValue } from '../domain/scheduling/schedule'
import type { Phase } from '../stores/session'

export type CardKeyAction = { kind: 'flag'; color: Exclude<FlagColor, 0> } | { kind: 'suspend' | 'bury' | 'forget' | 'edit' | 'info' }

export interface StudyKeyHandlers {
  reveal: () => void
  grade: (g: GradeValue) => void
  confirm: () => void
  /** Picks the n-th option (0-based) of a choice card; false when the card has none. */
  pick: (n: number) => boolean
  undo: () => void
  phase: () => Phase
  /** Actions on the card on screen, where the screen has them. */
  act?: (action: CardKeyAction) => void
}

function typing(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null
  return !!el && (el.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(el.tagName))
}

/** The card action a key stands for, if any (Anki's keys). */
export function cardKeyAction(e: Pick<KeyboardEvent, 'key' | 'code' | 'ctrlKey' | 'altKey' | 'metaKey'>): CardKeyAction | null {
  if (e.metaKey) return null
  if (e.ctrlKey && e.altKey) return e.code === 'KeyN' ? { kind: 'forget' } : null
  if (e.altKey) return null
  if (e.ctrlKey) {
    // By the key's place, so that Ctrl+1 works on an AZERTY keyboard too.
    const digit = /^Digit([1-7])$/.exec(e.code)?.[1] ?? /^[1-7]$/.exec(e.key)?.[0]
    return digit ? { kind: 'flag', color: Number(digit) as Exclude<FlagColor, 0> } : null
  }
  switch (e.key) {
    case '@':
      return { kind: 'suspend' }
    case '-':
      return { kind: 'bury' }
    case 'e':
    case 'E':
      return { kind: 'edit' }
    case 'i':
    case 'I':
      return { kind: 'info' }
    default:
      return null
  }
}

export function useStudyKeys(h: StudyKeyHandlers) {
  useWindowEvent('keydown', (e) => {
    if (typing(e.target) || e.metaKey || e.repeat) return
    const phase = h.phase()
    if (h.act && (phase === 'question' || phase === 'answer')) {
      const action = cardKeyAction(e)
      if (action) {
        e.preventDefault()
        h.act(action)
        return
      }
    }
    if (e.altKey) return
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
