// petite-vue-i18n set-up: French by default, English when the browser prefers it or the learner picks it.
//
// Messages live in src/i18n/locales/<locale>/<namespace>.json, precompiled at build time
// (@intlify/unplugin-vue-i18n), so the app ships vue-i18n's runtime without its message compiler.
// Only the current language's "core" messages (home, review, navigation) are needed for the first
// screen; each lazy route and lazy component loads the namespaces it uses (route meta `messages`,
// or withMessages() below), in the current language only.
import { createI18n } from 'petite-vue-i18n'
import { markRaw } from 'vue'
import type { LanguageChoice } from '../domain/settings'
import type { StudyLanguage } from '../domain/content/localized'
import { frenchPlural, resolveMessage } from './rules'

export { frenchPlural, resolveMessage }

export const NAMESPACES = ['core', 'settings', 'stats', 'interview', 'browse', 'data', 'study', 'issues', 'sync'] as const
export type Namespace = (typeof NAMESPACES)[number]
type Messages = Record<string, unknown>

const loaders = import.meta.glob<Messages>('./locales/*/*.json', { import: 'default' })

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

/** Keys asked for but missing: a bug (a namespace not loaded, a key not written). Read by the e2e tests. */
export const missingKeys = new Set<string>()

// Created on first use (the start's first task after the bundle's evaluation), not while the
// first bundle is evaluated: that evaluation is the longest task of the start as it is.
const createAppI18n = () =>
  createI18n({
    legacy: false,
    locale: browserLanguage(),
    // Both languages have every key (tests/domain/i18n-messages.test.ts): no fallback to load.
    fallbackLocale: false,
    fallbackWarn: false,
    missingWarn: false,
    missing: (locale, key) => {
      missingKeys.add(`${locale}:${key}`)
      console.error(`Missing message "${key}" (${locale})`)
      return key
    },
    // French: 0 and 1 are singular ("0 carte", "1 carte", "2 cartes"); vue-i18n's default is English's.
    pluralRules: { fr: frenchPlural },
    messageResolver: resolveMessage,
    messages: {},
  })
let instance: ReturnType<typeof createAppI18n> | undefined

/** The app's i18n (the plugin main.ts installs). */
export function appI18n() {
  return (instance ??= createAppI18n())
}

/** Namespaces some screen asked for: a change of language loads them in the new language first. */
const wanted = new Set<Namespace>(['core'])
const loading = new Map<string, Promise<void>>()

function loadOne(locale: StudyLanguage, ns: Namespace): Promise<void> {
  const id = `${locale}/${ns}`
  let p = loading.get(id)
  if (!p) {
    const load = loaders[`./locales/${id}.json`]
    if (!load) throw new Error(`No messages for ${id}`)
    // Namespaces never share a top-level key (tests/domain/i18n-messages.test.ts), so a shallow
    // merge is whole. The messages are compiled trees kept raw: vue-i18n's deep merge copied every
    // node into reactive state, ~0.5 s of the first screen at 4x CPU for the core messages alone.
    p = load().then((messages) => {
      const { global } = appI18n()
      global.setLocaleMessage(locale, markRaw({ ...global.getLocaleMessage(locale), ...messages }))
    })
    // A failed load (an interrupted update) may be retried by the next navigation.
    p.catch(() => loading.delete(id))
    loading.set(id, p)
  }
  return p
}

/** Loads namespaces in the current language (and remembers them for a change of language). */
export function loadMessages(namespaces: readonly Namespace[]): Promise<void> {
  for (const ns of namespaces) wanted.add(ns)
  const locale = appI18n().global.locale.value as StudyLanguage
  return Promise.all(namespaces.map((ns) => loadOne(locale, ns))).then(() => undefined)
}

/** A lazy component's loader that also loads the messages it uses, for defineAsyncComponent. */
export function withMessages<T>(namespaces: readonly Namespace[], load: () => Promise<T>): () => Promise<T> {
  return () => Promise.all([load(), loadMessages(namespaces)]).then(([component]) => component)
}

/** Switches language once its messages (every namespace in use) are loaded. */
export async function setLanguage(choice: LanguageChoice): Promise<void> {
  const lang = resolveLanguage(choice)
  // A screen may ask for a namespace while this one loads: load until nothing new was asked.
  let count: number
  do {
    count = wanted.size
    await Promise.all([...wanted].map((ns) => loadOne(lang, ns)))
  } while (wanted.size !== count)
  appI18n().global.locale.value = lang
  document.documentElement.lang = lang
}
