// A deck as a tab-separated text file that Anki imports: header lines name the separator, the
// note-type column and the tags column, so Basic and Cloze notes land in the right note types.
import Papa from 'papaparse'
import type { DeckEntry } from '../content/deck-schema'
import { pickText, type LocalizedText, type StudyLanguage } from '../content/localized'

export interface ExportNote {
  entry: DeckEntry
  /** The card's tags, which carry the learner's additions (leech) beyond the entry's. */
  tags: readonly string[]
}

/** One Anki note per entry: [note type, first field, second field, tags]. */
function noteRow(note: ExportNote, lang: StudyLanguage): [string, string, string, string] {
  const t = (x: LocalizedText | undefined) => pickText(x, lang)
  const e = note.entry
  const tags = note.tags.join(' ')
  switch (e.kind) {
    case 'basic':
      return ['Basic', t(e.front), t(e.back), tags]
    case 'cloze':
      return ['Cloze', t(e.text), t(e.extra), tags]
    // Anki has no choice or interview note type: they travel as Basic notes, the answer on the back.
    case 'choice': {
      const options = e.options.map((o, i) => `${i + 1}. ${t(o.text)}`).join('\n')
      const right = e.options.find((o) => o.correct)
      return ['Basic', `${t(e.question)}\n\n${options}`, `${right ? t(right.text) : ''}\n\n${t(e.explanation)}`.trim(), tags]
    }
    case 'interview':
      return ['Basic', t(e.question), `${t(e.answer)}\n\n${e.keyPoints.map((k) => `- ${t(k)}`).join('\n')}`, tags]
  }
}

/** The file's text. Fields stay plain text (html:false): Anki shows the learner's Markdown as typed. */
export function deckToTsv(deckTitle: string, notes: readonly ExportNote[], lang: StudyLanguage): string {
  const header = [
    '#separator:tab',
    '#html:false',
    '#notetype column:1',
    `#deck:${deckTitle.replace(/\s+/g, ' ').trim()}`,
    '#tags column:4',
  ]
  const body = Papa.unparse(notes.map((n) => noteRow(n, lang)), { delimiter: '\t', newline: '\n', escapeFormulae: false })
  return `${header.join('\n')}\n${body}\n`
}

/** A file name from a deck title: letters, digits and dashes. */
export function exportFileName(deckTitle: string): string {
  const slug = deckTitle.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '')
  return `${slug || 'deck'}.tsv`
}
