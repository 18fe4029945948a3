// French typography: the transform, then a scan of every French text the learner reads (the built-in
// decks as built, the French messages). `npm run i18n:typography` rewrites the messages that fail.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { loadDecks, withFrenchTypography } from '../../src/build/load-decks'
import { frenchTypography, NBSP, NNBSP, typographyFaults } from '../../src/domain/content/french-typography'

const root = resolve(import.meta.dirname, '../..')
const N = NNBSP
/** Spaces made visible in failure messages: ⍽ narrow no-break, ° no-break. */
const shown = (s: string) => s.replace(/\u202f/g, '⍽').replace(/\u00a0/g, '°')

describe('the French typography transform', () => {
  it('puts a narrow no-break space before ? ! ; : and inside « », whatever space was there', () => {
    expect(frenchTypography('Quoi ? Vraiment ! Oui ; non : peut-être')).toBe(`Quoi${N}? Vraiment${N}! Oui${N}; non${N}: peut-être`)
    expect(frenchTypography('Quoi? Vraiment!')).toBe(`Quoi${N}? Vraiment${N}!`)
    expect(frenchTypography('Note: oui')).toBe(`Note${N}: oui`)
    expect(frenchTypography('Hein ?!')).toBe(`Hein${N}?!`)
    expect(frenchTypography('un « CEO du produit »')).toBe(`un «${N}CEO du produit${N}»`)
    expect(frenchTypography('un «CEO»')).toBe(`un «${N}CEO${N}»`)
    expect(frenchTypography(`déjà${NBSP}: ici`)).toBe(`déjà${N}: ici`)
  })

  it('writes numbers and units as Intl does in French', () => {
    expect(frenchTypography('10 000 cartes et 1 500 000 révisions')).toBe(`10${N}000 cartes et 1${N}500${N}000 révisions`)
    expect(frenchTypography('80 % des cas, 5 Mo, 3 min')).toBe(`80${NBSP}% des cas, 5${NBSP}Mo, 3${NBSP}min`)
    expect(frenchTypography('{n} j, {n} s')).toBe(`{n}${NBSP}j, {n}${NBSP}s`)
    // A year next to a count is not a thousands group; a word starting like a unit is no unit.
    expect(frenchTypography('en 2025 500 personnes, 3 semaines')).toBe('en 2025 500 personnes, 3 semaines')
  })

  it('writes the apostrophe between two letters as ’, as the messages do', () => {
    expect(frenchTypography("l'équipe d'un PM, aujourd'hui")).toBe('l’équipe d’un PM, aujourd’hui')
    expect(frenchTypography("le {{c1::Product Owner}} n'est pas")).toBe('le {{c1::Product Owner}} n’est pas')
    // Not a quote mark around a word, not code, not an address.
    expect(frenchTypography("un mot 'cité' et `it's`, https://example.com/l'a")).toBe("un mot 'cité' et `it's`, https://example.com/l'a")
    expect(typographyFaults("l'équipe")).toEqual(["straight apostrophe (’): …l'équ…"])
    expect(typographyFaults('l’équipe')).toEqual([])
  })

  it('leaves addresses, code, times, cloze markers and placeholders alone', () => {
    for (const text of [
      'Voir https://example.com/a?b=c;d!e et www.example.fr/x:y',
      'Écrivez `a: b ? c` tel quel',
      'À 10:30, tag:nom',
      'Le {{c1::réponse::indice}} et {{c2::autre}}',
      '```\nkey: value ?\n```',
    ]) expect(frenchTypography(text), text).toBe(text)
    expect(frenchTypography('Le {{c1::réponse}} : ensuite')).toBe(`Le {{c1::réponse}}${N}: ensuite`)
    expect(frenchTypography('Fichier {file}?')).toBe(`Fichier {file}${N}?`)
  })

  it('is idempotent and finds nothing to fault in what it wrote', () => {
    const text = 'Pourquoi? Le « PM » : 10 000 cartes ; 80 % !'
    const once = frenchTypography(text)
    expect(frenchTypography(once)).toBe(once)
    expect(typographyFaults(once)).toEqual([])
    expect(typographyFaults(text).length).toBeGreaterThanOrEqual(5)
  })

  it('is applied to the French strings of a deck file at build time, never to ids, tags or English', () => {
    const raw = {
      id: 'pm-role',
      title: { fr: 'Le rôle : bases', en: 'The role: basics' },
      cards: [{ id: 'a-b', kind: 'basic', source: 'role', tags: ['x:y'], front: 'Qui ?', back: { fr: 'Le « PM »', en: 'The "PM"' } }],
    }
    expect(withFrenchTypography(raw)).toEqual({
      id: 'pm-role',
      title: { fr: `Le rôle${N}: bases`, en: 'The role: basics' },
      cards: [{ id: 'a-b', kind: 'basic', source: 'role', tags: ['x:y'], front: `Qui${N}?`, back: { fr: `Le «${N}PM${N}»`, en: 'The "PM"' } }],
    })
  })
})

// ---- The scan: every French text as the learner gets it. ----

function strings(value: unknown, path: string, out: Array<[string, string]>, french = true): Array<[string, string]> {
  if (typeof value === 'string') {
    if (french) out.push([path, value])
  } else if (Array.isArray(value)) value.forEach((v, i) => strings(v, `${path}.${i}`, out, french))
  else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) strings(v, path ? `${path}.${k}` : k, out, french && !['en', 'id', 'kind', 'source', 'tags', 'entryId', 'deckId', 'hash'].includes(k))
  }
  return out
}

function report(found: Array<{ where: string; text: string; faults: string[] }>): string {
  return `${found.length} French text(s) with a plain space (or none) before ? ! : ; or inside « », or a straight apostrophe\n` +
    `(⍽ = narrow no-break U+202F, ° = no-break U+00A0; messages: run \`npm run i18n:typography\`):\n` +
    found.map((f) => `  ${f.where}\n      text: ${shown(f.text)}\n      ${f.faults.map(shown).join('\n      ')}`).join('\n')
}

describe('every French text the learner reads', () => {
  it('in the built-in decks, as built', () => {
    const loaded = loadDecks(join(root, 'decks'), root)
    const texts: Array<[string, string]> = []
    for (const deck of loaded.decks) {
      strings({ title: deck.title, description: deck.description }, `decks/${deck.id} (deck)`, texts)
      for (const card of deck.cards) strings(card.content, `decks/${deck.id} › card ${card.id}`, texts)
    }
    for (const s of loaded.sections) strings({ title: s.title, context: s.context }, `decks/_sections.yaml › ${s.id}`, texts)
    expect(texts.length).toBeGreaterThan(500)
    const found = texts.map(([where, text]) => ({ where, text, faults: typographyFaults(text) })).filter((f) => f.faults.length > 0)
    expect(found, report(found)).toEqual([])
  })

  const dir = join(root, 'src/i18n/locales/fr')
  const files = readdirSync(dir).filter((f) => f.endsWith('.json'))

  if (process.env.FIX_TYPOGRAPHY === '1') {
    // Rewrites each message in place (the files' key order and layout stay as they are).
    for (const f of files) {
      const path = join(dir, f)
      const text = readFileSync(path, 'utf8')
      writeFileSync(path, text.replace(/(:\s*)("(?:[^"\\]|\\.)*")/g, (_m, sep: string, literal: string) => sep + JSON.stringify(frenchTypography(JSON.parse(literal) as string))))
    }
  }

  it('in the French messages', () => {
    const found = files.flatMap((f) =>
      strings(JSON.parse(readFileSync(join(dir, f), 'utf8')), '', [])
        .map(([key, text]) => ({ where: `src/i18n/locales/fr/${f} › ${key}`, text, faults: typographyFaults(text) }))
        .filter((x) => x.faults.length > 0),
    )
    expect(files.length).toBeGreaterThanOrEqual(7)
    expect(found, report(found)).toEqual([])
  })
})
