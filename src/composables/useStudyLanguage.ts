// The language cards are studied in: the study-language setting, or the interface language.
import { computed } from 'vue'
import { useI18n } from 'petite-vue-i18n'
import type { StudyLanguage } from '../domain/content/localized'
import { useSettingsStore } from '../stores/settings'

export function useStudyLanguage() {
  const { locale } = useI18n()
  const store = useSettingsStore()
  return computed<StudyLanguage>(() => {
    const choice = store.settings.studyLanguage
    if (choice !== 'auto') return choice
    return locale.value === 'en' ? 'en' : 'fr'
  })
}
