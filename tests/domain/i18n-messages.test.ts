// @vitest-environment happy-dom
// The UI messages: both languages say the same things, with the same placeholders and plural forms,
// and every key the code asks for by name exists. A missing key shows as raw text on screen.
import { readdirSync, readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { frenchPlural, NAMESPACES, resolveMessage } from '../../src/i18n'

const root = resolve(import.meta.dirname, '../../src')
const load = (locale: string, ns: string) => JSON.parse(readFileSync(join(root, 'i18n/locales', locale, `${ns}.json`), 'utf8')) as Record<string, unknown>

function flatten(value: unknown, prefix = '', out = new Map<string, string>()): Map<string, string> {
  if (typeof value === 'string') out.set(prefix, value)
  else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) flatten(v, prefix ? `${prefix}.${k}` : k, out)
  else throw new Error(`${prefix}: not a string (${typeof value})`)
  return out
}

const placeholders = (s: string) => [...s.matchAll(/\{\s*(\w+)\s*\}/g)].map((m) => m[1]).sort()
const forms = (s: string) => s.split(' | ').length

const fr = new Map<string, string>()
const en = new Map<string, string>()
const namespaceOf = new Map<string, string>()
for (const ns of NAMESPACES) {
  for (const [k, v] of flatten(load('fr', ns))) {
    fr.set(k, v)
    namespaceOf.set(k.split('.')[0]!, ns)
  }
  for (const [k, v] of flatten(load('en', ns))) en.set(k, v)
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sourceFiles(join(dir, e.name)) : /\.(vue|ts)$/.test(e.name) ? [join(dir, e.name)] : [],
  )
}

describe('UI messages', () => {
  it('names keys with plain words, so that a dotted path finds every message', () => {
    for (const key of fr.keys()) expect(key, key).toMatch(/^[A-Za-z0-9_-]+(\.[A-Za-z0-9_-]+)*$/)
    const messages = Object.assign({}, ...NAMESPACES.map((ns) => load('fr', ns))) as Record<string, unknown>
    for (const [key, text] of fr) expect(resolveMessage(messages, key), key).toBe(text)
    expect(resolveMessage(messages, 'review.nope')).toBeNull()
    expect(resolveMessage(messages, 'review.title.deeper')).toBeNull()
  })

  it('has the same keys in French and English, namespace by namespace', () => {
    for (const ns of NAMESPACES) {
      expect([...flatten(load('en', ns)).keys()].sort(), ns).toEqual([...flatten(load('fr', ns)).keys()].sort())
    }
  })

  it('gives no top-level key to two namespaces (one file per feature)', () => {
    const owners = new Map<string, string[]>()
    for (const ns of NAMESPACES) for (const top of Object.keys(load('fr', ns))) owners.set(top, [...(owners.get(top) ?? []), ns])
    expect([...owners].filter(([, o]) => o.length > 1)).toEqual([])
  })

  it('uses the same placeholders and plural forms in both languages, and no empty text', () => {
    for (const [key, f] of fr) {
      const e = en.get(key)!
      expect(placeholders(e), key).toEqual(placeholders(f))
      expect(forms(e), key).toBe(forms(f))
      expect(f.trim(), key).not.toBe('')
      expect(e.trim(), key).not.toBe('')
      for (const part of f.split(' | ')) expect(part.trim(), `${key}: an empty plural form`).not.toBe('')
    }
  })

  it('has every key the code names literally', () => {
    const missing: string[] = []
    let named = 0
    for (const file of sourceFiles(root)) {
      const text = readFileSync(file, 'utf8')
      for (const m of text.matchAll(/\b(?:t|\$t|te)\(\s*'([a-zA-Z]+\.[\w.]+)'/g)) {
        named++
        if (!fr.has(m[1]!) && ![...fr.keys()].some((k) => k.startsWith(`${m[1]}.`))) missing.push(`${file.slice(root.length)}: ${m[1]}`)
      }
    }
    expect(named).toBeGreaterThan(300)
    expect(missing).toEqual([])
  })

  it('keeps what the first screen needs in the core namespace', () => {
    // Home, review and navigation render before any feature's messages are loaded.
    for (const top of ['app', 'nav', 'counts', 'home', 'review', 'interval', 'when', 'pwa']) expect(namespaceOf.get(top), top).toBe('core')
    // What a failed write says loads with the component that says it (the first page stays lean).
    expect(namespaceOf.get('failure')).toBe('issues')
  })
})

describe('French plurals', () => {
  it('treats 0 and 1 as singular with two forms, and keeps a zero form with three', () => {
    expect([0, 1, 1.5, 2, 10].map((n) => frenchPlural(n, 2))).toEqual([0, 0, 0, 1, 1])
    expect([0, 1, 2, 10].map((n) => frenchPlural(n, 3))).toEqual([0, 1, 2, 2])
    expect(frenchPlural(-1, 2)).toBe(0)
  })
})
