// Compiles decks/ at build time: an invalid deck stops the build with a precise message.
// Two virtual modules: a tiny manifest for start-up, and the full content, loaded lazily.
import { resolve } from 'node:path'
import type { Plugin } from 'vite'
import { describeProblems, loadDecks } from './load-decks'

const MANIFEST = 'virtual:deck-manifest'
const CONTENT = 'virtual:deck-content'

export function decksPlugin(dir = 'decks'): Plugin {
  const abs = resolve(dir)
  return {
    name: 'pm-decks',
    resolveId(id) {
      if (id === MANIFEST || id === CONTENT) return `\0${id}`
      return undefined
    },
    load(id) {
      if (id !== `\0${MANIFEST}` && id !== `\0${CONTENT}`) return undefined
      const loaded = loadDecks(abs)
      for (const f of loaded.files) this.addWatchFile(f)
      if (loaded.problems.length > 0) this.error(describeProblems(loaded.problems))
      if (id === `\0${MANIFEST}`) {
        // The card count lets home count a deck's cards on an index, retired cards left out. The
        // title and description let a first visit show home before the decks are written.
        const manifest = loaded.decks.map((d) => ({ id: d.id, hash: d.hash, cards: d.cards.length, title: d.title, description: d.description }))
        return `export default ${JSON.stringify(manifest)}`
      }
      return `export const decks = JSON.parse(${JSON.stringify(JSON.stringify(loaded.decks))})\n` +
        `export const sections = ${JSON.stringify(loaded.sections)}`
    },
  }
}
