// One problem as AppProblems shows it: what is wrong, where, and the technical detail for "Details".
export interface ProblemLine {
  what: string
  where?: string
  detail?: string
}

/** A text cut to `max` characters, for a card's question quoted in a message. */
export function clipText(text: string, max = 70): string {
  // Line breaks and runs of spaces only: a no-break space before "?" must stay one.
  const line = text.replace(/[\t\n\f\r ]+/g, ' ').trim()
  return line.length > max ? `${line.slice(0, max - 1).trimEnd()}…` : line
}
