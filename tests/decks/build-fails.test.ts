// An invalid deck stops the production build, with a message naming the file, the card and the field.
import { mkdtempSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { build } from 'vite'
import { describe, expect, it } from 'vitest'
import { decksPlugin } from '../../src/build/vite-plugin-decks'

const realSections = readFileSync(resolve(import.meta.dirname, '../../decks/_sections.yaml'), 'utf8')

async function buildWith(deckYaml: string): Promise<string | null> {
  const root = mkdtempSync(join(tmpdir(), 'deck-build-'))
  mkdirSync(join(root, 'decks'))
  writeFileSync(join(root, 'decks/_sections.yaml'), realSections)
  writeFileSync(join(root, 'decks/broken.yaml'), deckYaml)
  writeFileSync(join(root, 'index.html'), '<script type="module" src="./main.js"></script>')
  writeFileSync(join(root, 'main.js'), "import m from 'virtual:deck-manifest'\nconsole.log(m)\n")
  try {
    await build({ root, configFile: false, logLevel: 'silent', plugins: [decksPlugin(join(root, 'decks'))], build: { write: false } })
    return null
  } catch (e) {
    return e instanceof Error ? e.message : String(e)
  }
}

const card = (back: string) => `
id: broken
title: { fr: "Cassé", en: "Broken" }
cards:
  - id: good-one
    kind: basic
    source: role
    front: { fr: "Q ?", en: "Q?" }
    back: { fr: "R.", en: "A." }
  - id: bad-one
    kind: basic
    source: role
    front: { fr: "Q2 ?", en: "Q2?" }
    back: ${back}
`

describe('build with an invalid deck', () => {
  it('succeeds for a valid deck', async () => {
    expect(await buildWith(card('{ fr: "R2.", en: "A2." }'))).toBeNull()
  }, 60_000)

  it('fails on an empty answer, naming file, card and field', async () => {
    const message = await buildWith(card('{ fr: "", en: "A2." }'))
    expect(message).toContain('decks/broken.yaml: card "bad-one", field "back.fr": French text is empty')
  }, 60_000)

  it('fails on YAML that does not parse', async () => {
    const message = await buildWith('id: x\ncards: [\n')
    expect(message).toMatch(/decks\/broken\.yaml: field "\(yaml\)"/)
  }, 60_000)
})
