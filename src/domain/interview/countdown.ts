// The per-question countdown of a mock interview: a value that can be paused, read at any moment.

export interface Countdown {
  /** Time allowed, in ms; 0 for no limit (the clock then only counts up). */
  limitMs: number
  /** Time spent before the last pause. */
  spentMs: number
  /** When the clock last started running; null while paused. */
  runningSince: number | null
}

export function startCountdown(limitMs: number, nowMs: number): Countdown {
  return { limitMs: Math.max(0, limitMs), spentMs: 0, runningSince: nowMs }
}

export function elapsedMs(c: Countdown, nowMs: number): number {
  return c.spentMs + (c.runningSince === null ? 0 : Math.max(0, nowMs - c.runningSince))
}

/** Time left; negative once the time is up (the overrun). Infinity when there is no limit. */
export function remainingMs(c: Countdown, nowMs: number): number {
  return c.limitMs === 0 ? Infinity : c.limitMs - elapsedMs(c, nowMs)
}

export function pauseCountdown(c: Countdown, nowMs: number): Countdown {
  return c.runningSince === null ? c : { ...c, spentMs: elapsedMs(c, nowMs), runningSince: null }
}

export function resumeCountdown(c: Countdown, nowMs: number): Countdown {
  return c.runningSince === null ? { ...c, runningSince: nowMs } : c
}

/** "1:05", "0:09"; an overrun reads "+0:12". Seconds round up while counting down, as a kitchen timer. */
export function formatClock(ms: number): string {
  const over = ms < 0
  const seconds = over ? Math.floor(-ms / 1000) : Math.ceil(ms / 1000)
  const text = `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`
  return over ? `+${text}` : text
}

/** Time spent, "1:05", rounded down (for a clock without a limit and for answer times). */
export function formatElapsed(ms: number): string {
  const seconds = Math.floor(Math.max(0, ms) / 1000)
  return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`
}
