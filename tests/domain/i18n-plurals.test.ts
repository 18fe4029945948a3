// Counts in both languages: a count next to a noun has a singular and a plural form, the form is the
// one CLDR's plural rules pick (French: "0 carte", "1 carte", "2 cartes"; English: "0 cards", "1 card"),
// and every call of such a message passes the count.
import { readdirSync, readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { testI18n } from '../components/i18n'

const src = resolve(import.meta.dirname, '../../src')
const LOCALES = ['fr', 'en'] as const

function flatten(value: unknown, prefix = '', out = new Map<string, string>()): Map<string, string> {
  if (typeof value === 'string') out.set(prefix, value)
  else for (const [k, v] of Object.entries(value as object)) flatten(v, prefix ? `${prefix}.${k}` : k, out)
  return out
}
const messages = Object.fromEntries(
  LOCALES.map((l) => {
    const dir = join(src, 'i18n/locales', l)
    const all = new Map<string, string>()
    for (const f of readdirSync(dir)) for (const [k, v] of flatten(JSON.parse(readFileSync(join(dir, f), 'utf8')))) all.set(k, v)
    return [l, all]
  }),
) as Record<(typeof LOCALES)[number], Map<string, string>>

/** Placeholders that hold a count. */
const COUNT = /\{(n|count|total|max|chars|declared|found|rows|covered|current|longest|days|cards|reviews)\}/
/** Words after a count that do not change with it: units, abbreviations, invariable nouns, verbs. */
const INVARIABLE: Record<string, string[]> = { fr: ['s', 'mois', 'rép.', 'mais'], en: ['s', 'mo', 'ans.', 'holds'] }
const nounAfterCount = (lang: 'fr' | 'en', text: string) => {
  const m = new RegExp(`${COUNT.source}[\\s\\u00a0\\u202f]+((?:[\\p{L}’]+[\\s\\u00a0\\u202f]+)?[\\p{L}.]+)`, 'u').exec(text)
  if (!m) return null
  const words = m[2]!.split(/[\s\u00a0\u202f]+/)
  const plural = words.find((w) => (lang === 'fr' ? /[sx]\.?$/ : /s\.?$/).test(w) && !INVARIABLE[lang]!.includes(w))
  return plural ?? null
}

describe('counts in messages', () => {
  it('never write a plural as "(s)"', () => {
    const found = LOCALES.flatMap((l) => [...messages[l]].filter(([, v]) => /\(s\)/.test(v)).map(([k, v]) => `${l} ${k}: ${v}`))
    expect(found).toEqual([])
  })

  it('give a count next to a plural noun its singular and plural forms, in both languages', () => {
    const found: string[] = []
    for (const l of LOCALES) {
      for (const [key, text] of messages[l]) {
        const noun = nounAfterCount(l, text)
        if (noun && !text.includes(' | ')) found.push(`${l} ${key}: "${noun}" after a count, but one form only: ${text}`)
      }
    }
    expect(found).toEqual([])
  })

  it('pick the form CLDR gives for 0, 1, 2 and 1,000 (French: 0 and 1 singular), in every plural message', () => {
    const wrong: string[] = []
    for (const l of LOCALES) {
      const { t } = testI18n(l).global
      const rules = new Intl.PluralRules(l)
      for (const [key, text] of messages[l]) {
        const forms = text.split(' | ')
        if (forms.length < 2) continue
        for (const n of [0, 1, 2, 1000]) {
          const index = forms.length === 3 && n === 0 ? 0 : (forms.length === 3 ? 1 : 0) + (rules.select(n) === 'one' ? 0 : 1)
          const params = Object.fromEntries([...text.matchAll(/\{(\w+)\}/g)].map((m) => [m[1]!, `⟨${m[1]}⟩`]))
          const expected = forms[Math.min(index, forms.length - 1)]!.replace(/\{(\w+)\}/g, (_m, p: string) => `⟨${p}⟩`)
          const got = t(key, params, n)
          if (got !== expected) wrong.push(`${l} ${key} (${n}): "${got}", expected "${expected}"`)
        }
      }
    }
    expect(wrong).toEqual([])
  })

  it('read as a learner counts', () => {
    const fr = testI18n('fr').global.t
    const en = testI18n('en').global.t
    expect([0, 1, 2].map((n) => fr('browse.count', { n }, n))).toEqual(['0 carte', '1 carte', '2 cartes'])
    expect([0, 1, 2].map((n) => en('browse.count', { n }, n))).toEqual(['0 cards', '1 card', '2 cards'])
    expect([0, 1, 2].map((n) => fr('browse.import.duplicates', { n }, n))).toEqual([
      '0 doublon déjà présent, ignoré',
      '1 doublon déjà présent, ignoré',
      '2 doublons déjà présents, ignorés',
    ])
    expect(fr('interview.summary.score', { covered: 1, total: 5 }, 1)).toBe('1 point clé couvert sur 5')
    expect(en('interview.summary.score', { covered: 0, total: 5 }, 0)).toBe('0 key points covered out of 5')
    expect(fr('interview.plan.offer', { limit: fr('home.limit.newPerDay', { n: 1 }, 1), n: 3 })).toBe('Votre limite est de 1 nouvelle carte par jour. La passer à 3\u202f?')
  })

  it('are called with their count wherever the code names them', () => {
    const files = (dir: string): string[] =>
      readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(join(dir, e.name)) : /\.(ts|vue)$/.test(e.name) ? [join(dir, e.name)] : []))
    /** How many arguments the call opening at `open` has (top-level commas, strings skipped). */
    const argumentCount = (text: string, open: number) => {
      let depth = 0
      let count = 1
      let quote = ''
      for (let i = open; i < text.length; i++) {
        const c = text[i]!
        if (quote) {
          if (c === '\\') i++
          else if (c === quote) quote = ''
        } else if (c === "'" || c === '"' || c === '`') quote = c
        else if ('([{'.includes(c)) depth++
        else if (')]}'.includes(c) && --depth === 0) return count
        else if (c === ',' && depth === 1) count++
      }
      return count
    }
    const missing: string[] = []
    let calls = 0
    for (const file of files(src)) {
      const text = readFileSync(file, 'utf8')
      for (const m of text.matchAll(/\b(?:t|\$t)\(\s*'([\w.]+)'/g)) {
        if (!messages.fr.get(m[1]!)?.includes(' | ')) continue
        calls++
        if (argumentCount(text, m.index + m[0].indexOf('(')) < 3) missing.push(`${file.slice(src.length)}: ${m[1]}`)
      }
    }
    expect(calls).toBeGreaterThan(40)
    expect(missing).toEqual([])
  })
})
