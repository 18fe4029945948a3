// Answer-button counts per grade, for learning, young and mature cards, as in Anki's buttons graph.
import { FIELD, FIELDS, type ReviewDays } from './review-days'
import { BUTTON_GROUPS, type ButtonGroup } from './review-kind'

export interface ButtonCounts {
  /** Answers graded Again, Hard, Good, Easy. */
  grades: [number, number, number, number]
  total: number
  /** Share not graded Again; null when the group has no answer. */
  correctRate: number | null
}

export type AnswerButtons = Record<ButtonGroup, ButtonCounts>

/** Over the last `rangeDays` study days, or all time when rangeDays is null. */
export function answerButtons(d: ReviewDays, rangeDays: number | null): AnswerButtons {
  const sums = new Float64Array(12)
  const fromDay = rangeDays === null ? d.firstDay : Math.max(d.firstDay, d.today - rangeDays + 1)
  for (let day = fromDay; day <= d.today; day++) {
    const base = (day - d.firstDay) * FIELDS + FIELD.buttons
    for (let i = 0; i < 12; i++) sums[i]! += d.rows[base + i]!
  }
  if (rangeDays === null) for (let i = 0; i < 12; i++) sums[i]! += d.outside[FIELD.buttons + i]!
  const group = (g: number): ButtonCounts => {
    const grades = [sums[g * 4]!, sums[g * 4 + 1]!, sums[g * 4 + 2]!, sums[g * 4 + 3]!] as ButtonCounts['grades']
    const total = grades[0] + grades[1] + grades[2] + grades[3]
    return { grades, total, correctRate: total === 0 ? null : (total - grades[0]) / total }
  }
  return Object.fromEntries(BUTTON_GROUPS.map((name, g) => [name, group(g)])) as AnswerButtons
}
