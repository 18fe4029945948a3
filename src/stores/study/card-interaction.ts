// What the learner does on the card on screen before grading: the option picked on a choice card,
// the key points ticked and the notes on an interview card, and the grade they propose.
import { computed, ref, type Ref } from 'vue'
import type { CardRow, ScheduleRow } from '../../db/database'
import { proposeChoiceGrade, proposeInterviewGrade, shuffledOrder } from '../../domain/content/grading'
import type { GradeValue } from '../../domain/scheduling/schedule'

export function createCardInteraction(current: Ref<{ card: CardRow; schedule: ScheduleRow } | null>, revealed: () => boolean) {
  const picked = ref<number | null>(null)
  const covered = ref<number[]>([])
  const notes = ref('')

  /** Display order of a choice card's options: shuffled, but fixed for this card and review count. */
  const optionOrder = computed(() => {
    const c = current.value
    if (!c || c.card.content.kind !== 'choice') return []
    return shuffledOrder(c.card.content.options.length, `${c.card.id}:${c.schedule.reps}`)
  })

  /** The grade proposed by a choice or interview card once the answer is shown. */
  const proposed = computed<GradeValue | null>(() => {
    const content = current.value?.card.content
    if (!revealed() || !content) return null
    if (content.kind === 'choice') {
      // Shown without a pick: not knowing is a lapse.
      return proposeChoiceGrade(picked.value === null ? null : content.options[picked.value]?.correct === true)
    }
    if (content.kind === 'interview') return proposeInterviewGrade(covered.value.length, content.keyPoints.length)
    return null
  })

  function reset() {
    picked.value = null
    covered.value = []
    notes.value = ''
  }

  function toggleKeyPoint(index: number) {
    covered.value = covered.value.includes(index) ? covered.value.filter((i) => i !== index) : [...covered.value, index]
  }

  return { picked, covered, notes, optionOrder, proposed, reset, toggleKeyPoint }
}
