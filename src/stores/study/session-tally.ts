// What a session counts for its end screen: cards answered, how many Again, the time spent, and
// the last answer (shown where the grade was tapped: what it did).
import { ref } from 'vue'
import type { GradeValue } from '../../domain/scheduling/schedule'

export function createSessionTally() {
  const answered = ref(0)
  const againCount = ref(0)
  const timeSpentMs = ref(0)
  const lastAnswer = ref<{ grade: GradeValue; intervalMs: number } | null>(null)

  /** One answer (sign 1) or one taken back (sign -1). */
  function count(g: GradeValue, durationMs: number, sign: 1 | -1) {
    answered.value += sign
    if (g === 1) againCount.value += sign
    timeSpentMs.value += sign * durationMs
  }

  function reset() {
    answered.value = 0
    againCount.value = 0
    timeSpentMs.value = 0
    lastAnswer.value = null
  }

  return { answered, againCount, timeSpentMs, lastAnswer, count, reset }
}
