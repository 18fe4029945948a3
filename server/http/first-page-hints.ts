// The first screen's words (the "core" messages of the learner's language) are a chunk the app
// imports once its script runs: a second round trip after the main script on a first visit. The
// page's response names that chunk in a `Link: rel=modulepreload` header, so the browser fetches it
// beside the main script (on a slow 4G link, ~150 ms earlier). The language is the one the app will
// pick (src/i18n browserLanguage: the first of the browser's languages that is French or English,
// else French), read from Accept-Language, which lists the same languages in the same order.
import { existsSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'

type Language = 'fr' | 'en'
const LANGUAGES: readonly Language[] = ['fr', 'en']

export type CoreChunks = Partial<Record<Language, string>>

/**
 * The core messages' chunk of each language, from the build's manifest (none: no hint). Read again
 * when the build changes under a running server, as index.html is.
 */
export function coreMessageChunks(distDir: string): () => CoreChunks {
  const file = join(distDir, '.vite', 'manifest.json')
  let read: { mtimeMs: number; chunks: CoreChunks } | null = null
  return () => {
    const mtimeMs = existsSync(file) ? statSync(file).mtimeMs : -1
    if (read?.mtimeMs !== mtimeMs) read = { mtimeMs, chunks: mtimeMs < 0 ? {} : chunksOf(readFileSync(file, 'utf8')) }
    return read.chunks
  }
}

function chunksOf(manifestText: string): CoreChunks {
  let manifest: Record<string, { file?: unknown } | undefined>
  try {
    manifest = JSON.parse(manifestText) as typeof manifest
  } catch {
    return {}
  }
  const chunks: CoreChunks = {}
  for (const lang of LANGUAGES) {
    const chunk = manifest[`src/i18n/locales/${lang}/core.json`]?.file
    // A hashed asset name only: nothing from the file reaches a header unchecked.
    if (typeof chunk === 'string' && /^assets\/[\w.-]+\.js$/.test(chunk)) chunks[lang] = `/${chunk}`
  }
  return chunks
}

/** The app's language for this Accept-Language header: by preference (q), then by order. */
export function pageLanguage(acceptLanguage: string | undefined): Language {
  const tags = (acceptLanguage ?? '')
    .split(',')
    .slice(0, 32)
    .map((part, index) => {
      const [tag = '', ...params] = part.trim().split(';')
      const q = params.map((p) => /^\s*q=([\d.]+)\s*$/.exec(p)?.[1]).find((v) => v !== undefined)
      return { base: tag.trim().toLowerCase().slice(0, 2), q: q === undefined ? 1 : Number(q), index }
    })
    .filter((t) => t.q > 0)
    .sort((a, b) => b.q - a.q || a.index - b.index)
  return tags.map((t) => t.base).find((b): b is Language => b === 'fr' || b === 'en') ?? 'fr'
}

/** The Link header for the page, or null when the build did not say where the words are. */
export function firstPageLink(chunks: CoreChunks, acceptLanguage: string | undefined): string | null {
  const chunk = chunks[pageLanguage(acceptLanguage)]
  return chunk ? `<${chunk}>; rel=modulepreload` : null
}
