import { createI18n, type I18n } from 'petite-vue-i18n'
import { frenchPlural, resolveMessage } from '../../src/i18n/rules'

// Every namespace of both languages, as the app has them once loaded.
const files = import.meta.glob<Record<string, unknown>>('../../src/i18n/locales/*/*.json', { import: 'default', eager: true })

export function allMessages(locale: 'fr' | 'en'): Record<string, unknown> {
  return Object.assign({}, ...Object.entries(files).filter(([path]) => path.includes(`/locales/${locale}/`)).map(([, m]) => m))
}

export function testI18n(locale: 'fr' | 'en' = 'fr'): I18n<Record<string, unknown>, Record<string, unknown>, Record<string, unknown>, string, false> {
  return createI18n({ legacy: false, locale, fallbackLocale: false, missingWarn: false, messageResolver: resolveMessage, pluralRules: { fr: frenchPlural }, missing: (l, key) => {
    throw new Error(`Missing message "${key}" (${l})`)
  }, messages: { fr: allMessages('fr'), en: allMessages('en') } as never }) as unknown as I18n<Record<string, unknown>, Record<string, unknown>, Record<string, unknown>, string, false>
}
