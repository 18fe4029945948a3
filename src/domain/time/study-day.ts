// The study day: which day a moment belongs to, given the rollover hour and the time zone (DST-safe).
export interface DayClock {
  /** Local hour (0-23) at which a new study day starts. */
  rolloverHour: number
  /** IANA time zone, e.g. "Europe/Paris". */
  timeZone: string
}

export const DAY_MS = 86_400_000
const HOUR_MS = 3_600_000
const BUCKET_MS = 15 * 60_000

const formatters = new Map<string, Intl.DateTimeFormat>()
const offsets = new Map<string, number>()

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone)
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    })
    formatters.set(timeZone, f)
  }
  return f
}

/** Per time zone and UTC day: the offset the whole day has, or null when it changes that day (DST). */
const dayOffsets = new Map<string, Map<number, number | null>>()

/**
 * The device's own time zone, as a DayClock's `timeZone`, where only its offsets are needed (home's
 * counts): they come from Date, which needs no Intl. Asking Intl for the zone's name is the first
 * Intl call of a start, ~90 ms of a mid-range phone's first screen (4x CPU). Where the name matters
 * (a cache key, a file name, a worker), use the name: `localTimeZone()`.
 */
export const DEVICE_TIME_ZONE = 'device'

/** Offset of local time from UTC at that instant, in ms (Paris in winter: +3,600,000). */
export function timeZoneOffsetMs(instantMs: number, timeZone: string): number {
  if (timeZone === DEVICE_TIME_ZONE) return -new Date(instantMs).getTimezoneOffset() * 60_000
  // A zone changes its offset at most once a day: a day whose first and last quarter-hours agree
  // has one offset throughout, so a year of reviews costs ~2 lookups a day instead of one per
  // quarter-hour it touches (the optimiser and the statistics read ~100,000 reviews).
  const day = Math.floor(instantMs / DAY_MS)
  let days = dayOffsets.get(timeZone)
  if (!days) dayOffsets.set(timeZone, (days = new Map()))
  let whole = days.get(day)
  if (whole === undefined) {
    const first = bucketOffsetMs(day * DAY_MS, timeZone)
    whole = first === bucketOffsetMs((day + 1) * DAY_MS - BUCKET_MS, timeZone) ? first : null
    if (days.size > 50_000) days.clear()
    days.set(day, whole)
  }
  return whole ?? bucketOffsetMs(instantMs, timeZone)
}

function bucketOffsetMs(instantMs: number, timeZone: string): number {
  // Offsets only change on quarter-hour boundaries, so one lookup serves a whole bucket.
  const bucket = Math.floor(instantMs / BUCKET_MS)
  const key = `${timeZone}|${bucket}`
  const cached = offsets.get(key)
  if (cached !== undefined) return cached
  const at = bucket * BUCKET_MS
  const parts: Record<string, number> = {}
  for (const p of formatter(timeZone).formatToParts(new Date(at))) {
    if (p.type !== 'literal') parts[p.type] = Number(p.value)
  }
  const local = Date.UTC(parts.year!, parts.month! - 1, parts.day!, parts.hour!, parts.minute!, parts.second!)
  const offset = local - at
  if (offsets.size > 50_000) offsets.clear()
  offsets.set(key, offset)
  return offset
}

/** Days since 1970-01-01 of the study day `instantMs` falls in. */
export function dayIndex(instantMs: number, clock: DayClock): number {
  const local = instantMs + timeZoneOffsetMs(instantMs, clock.timeZone)
  return Math.floor((local - clock.rolloverHour * HOUR_MS) / DAY_MS)
}

/** The instant the given study day starts (its rollover). */
export function dayStartMs(day: number, clock: DayClock): number {
  const local = day * DAY_MS + clock.rolloverHour * HOUR_MS
  let guess = local - timeZoneOffsetMs(local, clock.timeZone)
  guess = local - timeZoneOffsetMs(guess, clock.timeZone)
  // In a spring-forward gap the wall-clock time does not exist: the day starts when clocks jump.
  if (dayIndex(guess, clock) < day) guess += HOUR_MS
  return guess
}

/** The instant the current study day ends, i.e. the next rollover. */
export function nextRolloverMs(instantMs: number, clock: DayClock): number {
  return dayStartMs(dayIndex(instantMs, clock) + 1, clock)
}

export function localTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC'
}
