// Anki-style cloze parsing: {{c1::answer}} or {{c1::answer::hint}}; one card per gap number.

export interface ClozeGap {
  ord: number
  answer: string
  hint?: string
}

/** A piece of a rendered cloze: plain text, the hidden gap being asked, or a revealed answer. */
export interface ClozeSegment {
  type: 'text' | 'ask' | 'answer'
  text: string
}

const GAP = /\{\{c(\d+)::(.*?)(?:::(.*?))?\}\}/gs

export function parseClozeGaps(text: string): ClozeGap[] {
  const gaps: ClozeGap[] = []
  for (const m of text.matchAll(GAP)) {
    const gap: ClozeGap = { ord: Number(m[1]), answer: m[2] ?? '' }
    if (m[3] !== undefined) gap.hint = m[3]
    gaps.push(gap)
  }
  return gaps
}

/** The distinct gap numbers, ascending: each one is a card. */
export function clozeOrdinals(text: string): number[] {
  return [...new Set(parseClozeGaps(text).map((g) => g.ord))].sort((a, b) => a - b)
}

/** Returns a list of problems with the cloze syntax (empty when valid). */
export function clozeProblems(text: string): string[] {
  const problems: string[] = []
  const gaps = parseClozeGaps(text)
  if (gaps.length === 0) problems.push('has no gap: write {{c1::answer}}')
  for (const g of gaps) {
    if (!Number.isInteger(g.ord) || g.ord < 1) problems.push(`gap c${g.ord} must be numbered from c1`)
    if (g.answer.trim() === '') problems.push(`gap c${g.ord} has an empty answer`)
    if (g.hint !== undefined && g.hint.trim() === '') problems.push(`gap c${g.ord} has an empty hint`)
  }
  const rest = text.replace(GAP, '')
  if (rest.includes('{{') || rest.includes('}}')) problems.push('has unbalanced {{ or }} outside a gap')
  return problems
}

/** Renders the text for one gap number; other gaps show their answers. */
export function renderCloze(text: string, ord: number, revealed: boolean): ClozeSegment[] {
  const segments: ClozeSegment[] = []
  let last = 0
  for (const m of text.matchAll(GAP)) {
    const index = m.index ?? 0
    if (index > last) segments.push({ type: 'text', text: text.slice(last, index) })
    const gapOrd = Number(m[1])
    const answer = m[2] ?? ''
    if (gapOrd !== ord) segments.push({ type: 'text', text: answer })
    else if (revealed) segments.push({ type: 'answer', text: answer })
    else segments.push({ type: 'ask', text: m[3] !== undefined ? `[${m[3]}]` : '[…]' })
    last = index + m[0].length
  }
  if (last < text.length) segments.push({ type: 'text', text: text.slice(last) })
  return segments
}
