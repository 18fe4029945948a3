// The words of a long pull under way (a new device joining): the sync page and the indicator say them.
import type { Composer } from 'petite-vue-i18n'
import type { SyncProgress } from '../../sync/engine'

export function progressText(t: Composer['t'], locale: string, progress: SyncProgress): string {
  const n = (value: number) => value.toLocaleString(locale)
  if (progress.phase === 'apply') return t('sync.progress.apply', { done: n(progress.done), total: n(progress.total) })
  if (!progress.total) return t('sync.progress.starting')
  return t('sync.progress.download', { done: n(progress.done), total: n(Math.max(progress.done, progress.total)) })
}
