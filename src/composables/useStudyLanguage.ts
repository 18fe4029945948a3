// The language cards are studied in: the UI language (a separate study-language setting may follow).
import { computed } from 'vue'
import { useI18n } from 'vue-i18n'
import type { StudyLanguage } from '../domain/content/localized'

export function useStudyLanguage() {
  const { locale } = useI18n()
  return computed<StudyLanguage>(() => (locale.value === 'en' ? 'en' : 'fr'))
}
