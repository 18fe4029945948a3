// French typography: the narrow no-break space (U+202F) before ? ! ; : and inside « », the no-break
// space (U+00A0) between a number and its unit, so that a "?" never wraps alone onto the next line,
// and the typographic apostrophe (’) in "l’équipe", as every message of the app writes it.
// Applied to the built-in decks at build time (src/build/load-decks.ts) and to the French messages
// (tests/domain/french-typography.test.ts scans both and can rewrite the messages).

export const NNBSP = '\u202f'
export const NBSP = '\u00a0'

/**
 * Pieces of a text that are not French prose: web addresses, code, cloze markers and message
 * placeholders. They are kept exactly as written ("https://", "10:30", "{{c1::réponse::indice}}").
 */
const PROTECTED = /(?:[a-z][a-z0-9+.-]*:\/\/|www\.)[^\s«»<>"]*[^\s«»<>".,;:!?)]|```[\s\S]*?```|`[^`\n]*`|\{\{c\d+::|::(?=[^{}]*\}\})|\}\}|\{[^{}]*\}/gi

/** Units written after a number: the space before them must not break. */
const UNITS = '%|‰|€|\\$|£|°C?|Mo|Ko|Go|km|kg|ms|min|h|j|s'

/** Runs `fix` on the prose between the protected pieces. */
function onProse(text: string, fix: (prose: string) => string): string {
  let out = ''
  let last = 0
  for (const m of text.matchAll(PROTECTED)) {
    out += fix(text.slice(last, m.index)) + m[0]
    last = m.index + m[0].length
  }
  return out + fix(text.slice(last))
}

/** A message placeholder: "{n}". */
const PLACEHOLDER = String.raw`\{\s*\w+\s*\}`

/** The French text with its spaces set right; applying it twice changes nothing more. */
export function frenchTypography(text: string): string {
  const fixed = onProse(text, (prose) =>
    prose
      // A space before ? ! ; : becomes narrow and no-break.
      .replace(/[ \u00a0\u202f]+([?!;:])/g, `${NNBSP}$1`)
      // No space at all before ? ! ; (a word, a closing bracket): one is added.
      .replace(/([\p{L}\p{N})\]»”’.…])([?!;]+)(?=[\s)\]»”’"]|$)/gu, `$1${NNBSP}$2`)
      // Nor before a colon that ends a clause ("Note: x"); "10:30" and "tag:nom" have none.
      .replace(/([\p{L})\]»”’])(:)(?=\s|$)/gu, `$1${NNBSP}$2`)
      // The apostrophe between two letters: l'équipe → l’équipe (deck files are written with ').
      .replace(/(?<=\p{L})'(?=\p{L})/gu, '’')
      // Inside « and ».
      .replace(/«[ \u00a0\u202f]*/g, `«${NNBSP}`)
      .replace(/[ \u00a0\u202f]*»/g, `${NNBSP}»`)
      // Thousands as Intl writes them in French: 10 000 → 10 000 (narrow no-break).
      .replace(/(?<![\d,.])(\d{1,3})((?:[ \u00a0]\d{3})+)(?!\d)(?![,.]\d)/g, (_m, head: string, groups: string) => head + groups.replace(/[ \u00a0]/g, NNBSP))
      // A number and its unit: 80 % → 80 % (no-break), as Intl writes it.
      .replace(new RegExp(`(\\d) (${UNITS})(?![\\p{L}\\p{N}])`, 'gu'), `$1${NBSP}$2`),
  )
  // Around a placeholder: "{n} j" is a number and its unit, "{file}?" a question.
  return fixed
    .replace(new RegExp(`(${PLACEHOLDER}) (${UNITS})(?![\\p{L}\\p{N}])`, 'gu'), `$1${NBSP}$2`)
    .replace(new RegExp(`(${PLACEHOLDER})([?!;]+)(?=[\\s)\\]»”’"]|$)`, 'gu'), `$1${NNBSP}$2`)
}

/** What is wrong in a French text, each with the text around it; empty when it is set right. */
export function typographyFaults(text: string): string[] {
  // The protected pieces are blanked out (same length), so positions still point into `text`.
  const prose = text.replace(PROTECTED, (m) => '\u0001'.repeat(m.length))
  const around = (at: number) => `…${text.slice(Math.max(0, at - 20), at + 3)}…`
  const rules: Array<[string, RegExp, (m: RegExpMatchArray) => string]> = [
    [prose, / ([?!;:])/g, (m) => `plain space before "${m[1]}"`],
    [prose, /[\p{L}\p{N})\]»”’.…]([?!;])(?=[\s)\]»”’"]|$)/gu, (m) => `no space before "${m[1]}"`],
    [prose, /[\p{L})\]»”’]:(?=\s|$)/gu, () => 'no space before ":"'],
    [text, new RegExp(`(?<=${PLACEHOLDER})([?!;])(?=[\\s)\\]»”’"]|$)`, 'gu'), (m) => `no space before "${m[1]}"`],
    [prose, /(?<=\p{L})'(?=\p{L})/gu, () => 'straight apostrophe (’)'],
    [prose, /« |«(?=[^\s\u00a0\u202f])/g, () => 'plain or no space after "«"'],
    [prose, / »|(?<=[^\s\u00a0\u202f])»/g, () => 'plain or no space before "»"'],
  ]
  const faults: Array<{ at: number; text: string }> = []
  for (const [source, rule, name] of rules) {
    for (const m of source.matchAll(rule)) faults.push({ at: m.index, text: `${name(m)}: ${around(m.index + 1)}` })
  }
  return faults.sort((a, b) => a.at - b.at).map((f) => f.text)
}
