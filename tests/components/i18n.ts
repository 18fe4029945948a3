import { createI18n } from 'vue-i18n'
import fr from '../../src/i18n/fr'
import en from '../../src/i18n/en'

export function testI18n(locale: 'fr' | 'en' = 'fr') {
  return createI18n({ legacy: false, locale, fallbackLocale: 'fr', messages: { fr, en } })
}
