// The one clock of the app: every scheduling decision reads time here, never `new Date()` directly.
import { localTimeZone } from '../domain/time/study-day'

export const clock = {
  now: (): number => Date.now(),
  timeZone: (): string => localTimeZone(),
}
