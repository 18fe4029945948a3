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

/** What can be wrong with a cloze text, as values: the editor and the import word them for the learner. */
export type ClozeIssue =
  | { code: 'noGap' }
  | { code: 'badNumber'; ord: number }
  | { code: 'emptyAnswer'; ord: number }
  | { code: 'emptyHint'; ord: number }
  | { code: 'unbalanced' }

export function clozeIssues(text: string): ClozeIssue[] {
  const issues: ClozeIssue[] = []
  const gaps = parseClozeGaps(text)
  if (gaps.length === 0) issues.push({ code: 'noGap' })
  for (const g of gaps) {
    if (!Number.isInteger(g.ord) || g.ord < 1) issues.push({ code: 'badNumber', ord: g.ord })
    if (g.answer.trim() === '') issues.push({ code: 'emptyAnswer', ord: g.ord })
    if (g.hint !== undefined && g.hint.trim() === '') issues.push({ code: 'emptyHint', ord: g.ord })
  }
  const rest = text.replace(GAP, '')
  if (rest.includes('{{') || rest.includes('}}')) issues.push({ code: 'unbalanced' })
  return issues
}

/** A cloze issue in English: for deck authors at build time, and as the technical detail. */
export function describeClozeIssue(issue: ClozeIssue): string {
  switch (issue.code) {
    case 'noGap':
      return 'has no gap: write {{c1::answer}}'
    case 'badNumber':
      return `gap c${issue.ord} must be numbered from c1`
    case 'emptyAnswer':
      return `gap c${issue.ord} has an empty answer`
    case 'emptyHint':
      return `gap c${issue.ord} has an empty hint`
    case 'unbalanced':
      return 'has unbalanced {{ or }} outside a gap'
  }
}

/** Returns a list of problems with the cloze syntax (empty when valid). */
export function clozeProblems(text: string): string[] {
  return clozeIssues(text).map(describeClozeIssue)
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
