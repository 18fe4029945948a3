// Build-time (Node) loading of decks/*.yaml: parse, set the French typography, validate with the
// shared schema, compile.
import { readdirSync, readFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import * as v from 'valibot'
import { parseDocument } from 'yaml'
import { SourcesFileSchema, type SourceSection } from '../domain/content/deck-schema'
import { frenchTypography } from '../domain/content/french-typography'
import { compileDecks, formatProblem, type DeckProblem } from '../domain/content/validate-deck'
import type { CompiledDeck } from '../domain/content/card'

export interface LoadedDecks {
  decks: CompiledDeck[]
  sections: SourceSection[]
  problems: DeckProblem[]
  files: string[]
}

function readYaml(path: string, label: string, problems: DeckProblem[]): unknown {
  const doc = parseDocument(readFileSync(path, 'utf8'), { uniqueKeys: true, prettyErrors: true })
  if (doc.errors.length > 0) {
    for (const e of doc.errors) problems.push({ file: label, field: '(yaml)', message: e.message.split('\n')[0] ?? e.message })
    return undefined
  }
  return withFrenchTypography(doc.toJS())
}

/** Keys whose strings are not French prose: identifiers, the English text, tags. */
const NOT_FRENCH = new Set(['id', 'kind', 'source', 'tags', 'en'])

/**
 * Every French string of a deck file with its spaces set right (no "?" alone on a line): done here,
 * once, so that authors keep writing plain spaces. A plain string is French (the source language).
 */
export function withFrenchTypography(value: unknown): unknown {
  if (typeof value === 'string') return frenchTypography(value)
  if (Array.isArray(value)) return value.map(withFrenchTypography)
  if (value === null || typeof value !== 'object') return value
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, NOT_FRENCH.has(k) ? v : withFrenchTypography(v)]))
}

export function loadDecks(dir: string, root = process.cwd()): LoadedDecks {
  const problems: DeckProblem[] = []
  const names = readdirSync(dir).filter((n) => /\.ya?ml$/.test(n)).sort()
  const files = names.map((n) => join(dir, n))
  let sections: SourceSection[] = []
  const sectionsFile = files.find((f) => /\/_sections\.ya?ml$/.test(f))
  if (sectionsFile) {
    const label = relative(root, sectionsFile)
    const parsed = v.safeParse(SourcesFileSchema, readYaml(sectionsFile, label, problems))
    if (parsed.success) sections = parsed.output.sections
    else for (const i of parsed.issues) problems.push({ file: label, field: (i.path ?? []).map((p) => String(p.key)).join('.'), message: i.message })
  } else {
    problems.push({ file: relative(root, dir), field: '_sections.yaml', message: 'the list of source sections is missing' })
  }
  const deckFiles = files.filter((f) => !/\/_[^/]*$/.test(f))
  const raws = deckFiles.map((f) => {
    const label = relative(root, f)
    return { file: label, raw: readYaml(f, label, problems) }
  })
  const { decks, problems: deckProblems } = compileDecks(
    raws.filter((r) => r.raw !== undefined),
    { sources: new Set(sections.map((s) => s.id)), requireEnglish: true },
  )
  problems.push(...deckProblems)
  return { decks, sections, problems, files }
}

export function describeProblems(problems: DeckProblem[]): string {
  return `Invalid deck files (${problems.length} problem${problems.length === 1 ? '' : 's'}):\n` +
    problems.map((p) => `  - ${formatProblem(p)}`).join('\n')
}
