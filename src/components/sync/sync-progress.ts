// The words of a long pull under way (a new device joining): the sync page and the indicator say them.
import type { Composer } from 'petite-vue-i18n'
import type { SyncProgress } from '../../sync/engine'

export function progressText(t: Composer['t'], locale: string, progress: SyncProgress): string {
  const n = (value: number) => value.toLocaleString(locale)
  if (progress.phase === 'download' && !progress.total) return t('sync.progress.starting')
  // The noun agrees with the total ("1 / 1 modification"), as the count it follows.
  const total = Math.max(progress.done, progress.total)
  return t(`sync.progress.${progress.phase}`, { done: n(progress.done), total: n(total) }, total)
}
