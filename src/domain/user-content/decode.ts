// Turns a file's bytes into text: UTF-8 only, and a clear refusal for anything else.

export type DecodeProblem =
  | { code: 'empty' }
  | { code: 'tooLarge'; bytes: number; maxBytes: number }
  | { code: 'utf16' }
  | { code: 'binary' }
  | { code: 'encoding'; line: number }

export type Decoded = { ok: true; text: string } | { ok: false; problem: DecodeProblem }

/** 10 MB: far above any deck a learner types, low enough to parse without freezing a phone. */
export const MAX_IMPORT_BYTES = 10_000_000

/** The line (1-based) of the first byte that is not valid UTF-8, to tell the learner where to look. */
function firstInvalidLine(bytes: Uint8Array): number {
  const decoder = new TextDecoder('utf-8', { fatal: true })
  let line = 1
  let start = 0
  for (let i = 0; i <= bytes.length; i++) {
    if (i === bytes.length || bytes[i] === 0x0a) {
      try {
        decoder.decode(bytes.subarray(start, i))
      } catch {
        return line
      }
      line++
      start = i + 1
    }
  }
  return line
}

export function decodeUtf8(bytes: Uint8Array, maxBytes = MAX_IMPORT_BYTES): Decoded {
  if (bytes.length > maxBytes) return { ok: false, problem: { code: 'tooLarge', bytes: bytes.length, maxBytes } }
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    return { ok: false, problem: { code: 'utf16' } }
  }
  // A NUL byte never appears in a text file: a spreadsheet (.xlsx, .ods) or an image was picked.
  if (bytes.subarray(0, 8192).includes(0)) return { ok: false, problem: { code: 'binary' } }
  let text: string
  try {
    // ignoreBOM: false drops a leading UTF-8 byte-order mark, as spreadsheets write one.
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes)
  } catch {
    return { ok: false, problem: { code: 'encoding', line: firstInvalidLine(bytes) } }
  }
  if (text.trim() === '') return { ok: false, problem: { code: 'empty' } }
  return { ok: true, text }
}
