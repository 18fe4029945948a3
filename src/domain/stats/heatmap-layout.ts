// Where the calendar's cells and month labels go: the whole year on a wide screen, the recent weeks on a phone.
import type { HeatCell, Heatmap } from './chart-data'

/** Geometry in the calendar's own units (an SVG viewBox scaled to the width available). */
export const HEAT_CELL = 10
export const HEAT_PITCH = 12
export const HEAT_LEFT = 16
export const HEAT_TOP = 12
/** Weeks a phone shows: about four months, so that a cell is ~12 px wide on a 360 px screen, not ~7. */
export const PHONE_WEEKS = 18
/** Room the longest short month name needs ("sept."), in the same units: a label that would not fit is left out. */
export const MONTH_LABEL_WIDTH = 24

export interface HeatLayout {
  width: number
  height: number
  /** Weeks shown, the most recent ones. */
  weeks: number
  cells: (HeatCell & { x: number; y: number })[]
  months: { x: number; day: number }[]
}

/** The last `weeks` weeks of the calendar (all of them when null), placed, with the month labels that fit. */
export function heatLayout(h: Heatmap, weeks: number | null): HeatLayout {
  const shown = weeks === null ? h.weeks : Math.min(weeks, h.weeks)
  const first = h.weeks - shown
  const width = HEAT_LEFT + shown * HEAT_PITCH
  const x = (col: number) => HEAT_LEFT + (col - first) * HEAT_PITCH
  return {
    width,
    height: HEAT_TOP + 7 * HEAT_PITCH,
    weeks: shown,
    cells: h.cells.filter((c) => c.col >= first).map((c) => ({ ...c, x: x(c.col), y: HEAT_TOP + c.row * HEAT_PITCH })),
    months: h.months
      .filter((m) => m.col >= first)
      .map((m) => ({ x: x(m.col), day: m.day }))
      .filter((m) => m.x + MONTH_LABEL_WIDTH <= width),
  }
}
