// Text pieces of the optimiser's section: the lines of what was left out, figures, percentages.
import type { LeftOut } from '../../domain/optimizer/fsrs-items'

export const LEFT_OUT_KEYS: ReadonlyArray<keyof LeftOut> = ['invalid', 'future', 'beforeReset', 'incomplete', 'singleDay', 'pending', 'tooLong']

/** The reasons that left at least one review out, in a fixed order. */
export function leftOutLines(leftOut: LeftOut): Array<{ key: keyof LeftOut; n: number }> {
  return LEFT_OUT_KEYS.filter((k) => leftOut[k] > 0).map((key) => ({ key, n: leftOut[key] }))
}

export function formatters(locale: string) {
  const integer = new Intl.NumberFormat(locale, { maximumFractionDigits: 0 })
  const fit = new Intl.NumberFormat(locale, { minimumFractionDigits: 4, maximumFractionDigits: 4 })
  const percent = new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 0 })
  const oneDecimal = new Intl.NumberFormat(locale, { maximumFractionDigits: 1 })
  const weight = new Intl.NumberFormat(locale, { maximumFractionDigits: 4 })
  const date = new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'long', year: 'numeric' })
  return {
    integer: (n: number) => integer.format(n),
    fit: (n: number) => fit.format(n),
    percent: (r: number) => percent.format(r),
    perDay: (n: number) => oneDecimal.format(n),
    weight: (n: number) => weight.format(n),
    date: (ms: number) => date.format(ms),
  }
}
