// How messages are found and which plural form is used: pure functions, shared with the tests.
import type { PathValue } from 'petite-vue-i18n'

/**
 * Which form of "a | b" or "zero | one | many" to use in French: 0 and 1 take the singular. Three
 * forms keep a message of its own for zero.
 */
export function frenchPlural(choice: number, choicesLength: number): number {
  const n = Math.abs(choice)
  if (choicesLength === 2) return n < 2 ? 0 : 1
  return n === 0 ? 0 : n < 2 ? 1 : Math.min(2, choicesLength - 1)
}

/**
 * Finds "review.kind.basic" in nested messages. petite-vue-i18n (vue-i18n without number and date
 * formats or components, 4 KB lighter) looks keys up flat by default; our keys are plain dotted
 * names (tests/domain/i18n-messages.test.ts), so a split is all the path parsing they need.
 */
export function resolveMessage(messages: unknown, path: string): PathValue {
  let value: unknown = messages
  for (const part of path.split('.')) {
    if (value === null || typeof value !== 'object') return null
    value = (value as Record<string, unknown>)[part]
  }
  return (value ?? null) as PathValue
}
