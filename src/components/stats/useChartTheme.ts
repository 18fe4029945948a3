// Chart colours from the CSS variables of styles.css, read again when the theme or system scheme changes.
import { shallowRef, type ShallowRef } from 'vue'

const NAMES = {
  text: '--text',
  muted: '--muted',
  border: '--border',
  surface: '--surface',
  accent: '--accent',
  new: '--c-new',
  learning: '--c-learning',
  review: '--c-review',
  again: '--c-again',
  hard: '--c-hard',
  good: '--c-good',
  easy: '--c-easy',
} as const

export type ChartColor = keyof typeof NAMES
export type ChartTheme = Record<ChartColor, string>

function read(): ChartTheme {
  const style = getComputedStyle(document.documentElement)
  const theme = {} as ChartTheme
  for (const [key, name] of Object.entries(NAMES) as [ChartColor, string][]) theme[key] = style.getPropertyValue(name).trim() || '#888'
  return theme
}

let shared: ShallowRef<ChartTheme> | null = null

/**
 * One theme for every chart, read once: getComputedStyle forces a style recalculation, which costs
 * more than drawing a chart. It is read again when the theme attribute or the system scheme changes.
 */
export function useChartTheme(): ShallowRef<ChartTheme> {
  if (shared) return shared
  const theme = shallowRef<ChartTheme>(read())
  const update = () => {
    theme.value = read()
  }
  window.matchMedia?.('(prefers-color-scheme: dark)').addEventListener('change', update)
  // The settings store switches themes with the data-theme attribute on <html>.
  new MutationObserver(update).observe(document.documentElement, { attributes: true, attributeFilter: ['data-theme'] })
  shared = theme
  return theme
}
