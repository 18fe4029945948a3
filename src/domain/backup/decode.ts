// From the bytes of a file to a JSON value: strict UTF-8, JSON errors located, dangerous keys refused.
import type { BackupProblem } from './problems'

export type Step<T> = { ok: true; value: T } | { ok: false; problem: BackupProblem }

/** Offset of the first byte that is not valid UTF-8, or -1 (only called once decoding failed). */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0
  while (i < bytes.length) {
    const b = bytes[i]!
    const need = b < 0x80 ? 0 : b >= 0xc2 && b <= 0xdf ? 1 : b >= 0xe0 && b <= 0xef ? 2 : b >= 0xf0 && b <= 0xf4 ? 3 : -1
    if (need < 0 || i + need >= bytes.length) return i
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k]!
      if ((c & 0xc0) !== 0x80) return i
    }
    // Overlong forms, surrogates and code points past U+10FFFF.
    const c1 = bytes[i + 1] ?? 0
    if ((b === 0xe0 && c1 < 0xa0) || (b === 0xed && c1 > 0x9f) || (b === 0xf0 && c1 < 0x90) || (b === 0xf4 && c1 > 0x8f)) return i
    i += need + 1
  }
  return -1
}

export function decodeUtf8(bytes: Uint8Array): Step<string> {
  try {
    // fatal: a Latin-1 or UTF-16 file is refused rather than silently turned into replacement characters.
    return { ok: true, value: new TextDecoder('utf-8', { fatal: true }).decode(bytes) }
  } catch {
    const utf16 = bytes.length >= 2 && ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff))
    return { ok: false, problem: { code: 'notUtf8', byteOffset: Math.max(0, firstInvalidUtf8(bytes)), utf16 } }
  }
}

/** True when the text ends inside a string or with brackets left open: the file was cut short. */
export function endsOpen(text: string): boolean {
  let depth = 0
  let inString = false
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i)
    if (inString) {
      if (ch === 92) i++ // backslash: skip the escaped character
      else if (ch === 34) inString = false
    } else if (ch === 34) inString = true
    else if (ch === 123 || ch === 91) depth++
    else if (ch === 125 || ch === 93) depth--
  }
  return inString || depth > 0
}

function lineColumn(text: string, position: number): { line: number; column: number } {
  let line = 1
  let lineStart = 0
  for (let i = 0; i < position && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++
      lineStart = i + 1
    }
  }
  return { line, column: position - lineStart + 1 }
}

/**
 * Some engines give no position when the text does not even start like JSON (plain text, CSV,
 * HTML): find it for them. Null when the start looks like JSON and the error lies further on.
 */
function leadingError(text: string): number | null {
  const start = text.search(/\S/)
  const first = text[start] ?? ''
  if (/[[{"\d-]/.test(first)) return null
  const literal = ['true', 'false', 'null'].find((w) => w[0] === first)
  if (literal === undefined) return start
  let i = 0
  while (i < literal.length && text[start + i] === literal[i]) i++
  return i === literal.length ? null : start + i
}

export function parseJson(text: string): Step<unknown> {
  if (text.trim() === '') return { ok: false, problem: { code: 'empty' } }
  try {
    return { ok: true, value: JSON.parse(text) }
  } catch (e) {
    const message = e instanceof Error ? e.message : ''
    const at = /position (\d+)/.exec(message)
    const position = at ? Number(at[1]) : leadingError(text)
    const atEnd = position !== null && position >= text.trimEnd().length
    if (/end of JSON input/i.test(message) || atEnd || (position === null && endsOpen(text))) return { ok: false, problem: { code: 'truncated' } }
    if (position === null) return { ok: false, problem: { code: 'notJson', line: null, column: null } }
    return { ok: false, problem: { code: 'notJson', ...lineColumn(text, position) } }
  }
}

/** Keys that could reach an object's prototype if the data were ever merged carelessly. */
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype'])

function hasForbiddenKey(root: unknown): boolean {
  const stack: unknown[] = [root]
  while (stack.length > 0) {
    const value = stack.pop()
    if (Array.isArray(value)) {
      for (const item of value) if (item !== null && typeof item === 'object') stack.push(item)
    } else if (value !== null && typeof value === 'object') {
      for (const key of Object.keys(value)) {
        if (FORBIDDEN_KEYS.has(key)) return true
        const child = (value as Record<string, unknown>)[key]
        if (child !== null && typeof child === 'object') stack.push(child)
      }
    }
  }
  return false
}

/**
 * Walks the whole value without recursion (a deeply nested file cannot overflow the stack). Paths
 * are only built on the rare second pass, so a 50 MB file is checked quickly.
 */
export function findForbiddenKey(root: unknown): { path: string; key: string } | null {
  if (!hasForbiddenKey(root)) return null
  const stack: Array<{ value: unknown; path: string }> = [{ value: root, path: '' }]
  while (stack.length > 0) {
    const { value, path } = stack.pop()!
    if (value === null || typeof value !== 'object') continue
    if (Array.isArray(value)) {
      for (let i = value.length - 1; i >= 0; i--) stack.push({ value: value[i], path: `${path}[${i}]` })
      continue
    }
    const keys = Object.keys(value)
    const bad = keys.find((k) => FORBIDDEN_KEYS.has(k))
    if (bad !== undefined) return { path: path.replace(/^\./, '').replace(/^tables\./, '') || '(root)', key: bad }
    for (const key of keys.reverse()) stack.push({ value: (value as Record<string, unknown>)[key], path: `${path}.${key}` })
  }
  return null
}
