// Keyboard shortcuts of a mock interview, as a pure mapping from a key press to an action.
import type { GradeValue } from '../../domain/scheduling/schedule'
import type { MockPhase } from '../../stores/interview'

export type MockKeyAction =
  | { type: 'reveal' }
  | { type: 'pause' }
  | { type: 'notes' }
  | { type: 'leave-notes' }
  | { type: 'toggle'; point: number }
  | { type: 'grade'; grade: GradeValue }
  | { type: 'confirm' }

type KeyPress = Pick<KeyboardEvent, 'key' | 'code' | 'ctrlKey' | 'metaKey' | 'altKey' | 'repeat' | 'target'>

function typing(el: HTMLElement | null): boolean {
  if (!el) return false
  if (el.isContentEditable || el.tagName === 'TEXTAREA' || el.tagName === 'SELECT') return true
  return el.tagName === 'INPUT' && !['checkbox', 'radio', 'button'].includes((el as HTMLInputElement).type)
}

/** 1-4 by the digit typed or by the key's place, so an AZERTY keyboard needs no Shift. */
function gradeOf(e: KeyPress): GradeValue | null {
  const m = /^(?:Digit|Numpad)([1-4])$/.exec(e.code) ?? /^([1-4])$/.exec(e.key)
  return m ? (Number(m[1]) as GradeValue) : null
}

/**
 * Question: Space or Enter shows the model answer, P pauses, N goes to the notes (Escape leaves
 * them, Ctrl+Enter in them shows the answer). Answer: A to I tick the key points, 1-4 grade, Space
 * or Enter take the proposed grade. A focused button or link keeps its own keys.
 */
export function mockKeyAction(e: KeyPress, phase: MockPhase, keyPoints: number): MockKeyAction | null {
  if (e.altKey || e.repeat) return null
  const el = e.target instanceof HTMLElement ? e.target : null
  if (typing(el)) {
    if (el?.tagName !== 'TEXTAREA') return null
    if (e.key === 'Escape') return { type: 'leave-notes' }
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey) && phase === 'question') return { type: 'reveal' }
    return null
  }
  if (e.ctrlKey || e.metaKey) return null
  const onControl = !!el && ['BUTTON', 'A', 'SUMMARY', 'INPUT'].includes(el.tagName)
  const key = e.key.length === 1 ? e.key.toLowerCase() : e.key
  if (phase === 'question') {
    if ((key === ' ' || key === 'Enter') && !onControl) return { type: 'reveal' }
    if (key === 'p') return { type: 'pause' }
    if (key === 'n') return { type: 'notes' }
    return null
  }
  if (phase !== 'answer') return null
  const grade = gradeOf(e)
  if (grade !== null) return { type: 'grade', grade }
  if ((key === ' ' || key === 'Enter') && !onControl) return { type: 'confirm' }
  const point = key.length === 1 ? key.charCodeAt(0) - 97 : -1
  if (point >= 0 && point < Math.min(9, keyPoints)) return { type: 'toggle', point }
  return null
}
