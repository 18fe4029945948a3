// vue-i18n set-up: French by default, English when the browser prefers it or the learner picks it.
import { createI18n } from 'vue-i18n'
import type { LanguageChoice } from '../domain/settings'
import type { StudyLanguage } from '../domain/content/localized'
import fr from './fr'
import en from './en'

export function browserLanguage(languages: readonly string[] = navigator.languages ?? []): StudyLanguage {
  for (const l of languages) {
    const base = l.toLowerCase().slice(0, 2)
    if (base === 'fr' || base === 'en') return base
  }
  return 'fr'
}

export function resolveLanguage(choice: LanguageChoice): StudyLanguage {
  return choice === 'auto' ? browserLanguage() : choice
}

export const i18n = createI18n({
  legacy: false,
  locale: browserLanguage(),
  fallbackLocale: 'fr',
  messages: { fr, en },
})

export function setLanguage(choice: LanguageChoice): void {
  const lang = resolveLanguage(choice)
  i18n.global.locale.value = lang
  document.documentElement.lang = lang
}
