import { describe, expect, it } from 'vitest'
import { parseCardTable, type ParsedTable } from '../../src/domain/user-content/csv-table'
import { decodeUtf8 } from '../../src/domain/user-content/decode'

const bytes = (text: string) => new TextEncoder().encode(text)

function table(text: string, opts: Parameters<typeof parseCardTable>[1] = {}): ParsedTable {
  const result = parseCardTable(text, opts)
  if (!result.ok) throw new Error(`expected a table, got ${result.problem.code}`)
  return result.table
}

describe('decoding a file', () => {
  it('reads UTF-8 and drops a byte-order mark', () => {
    expect(decodeUtf8(bytes('\uFEFFÉquipe\tTeam'))).toEqual({ ok: true, text: 'Équipe\tTeam' })
  })

  it('refuses Latin-1 / Windows-1252 text, naming the first bad line', () => {
    // "Qu'est-ce qu'un PM ?\tRôle" saved as Windows-1252 on line 2: ô is the single byte 0xF4.
    const latin1 = new Uint8Array([...bytes('front\tback\nQu\'est-ce qu\'un PM ?\tR'), 0xf4, ...bytes('le\n')])
    expect(decodeUtf8(latin1)).toEqual({ ok: false, problem: { code: 'encoding', line: 2 } })
  })

  it('refuses UTF-16, binary files, empty files and files over the size limit', () => {
    expect(decodeUtf8(new Uint8Array([0xff, 0xfe, 0x41, 0x00]))).toEqual({ ok: false, problem: { code: 'utf16' } })
    expect(decodeUtf8(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00]))).toEqual({ ok: false, problem: { code: 'binary' } })
    expect(decodeUtf8(new Uint8Array())).toEqual({ ok: false, problem: { code: 'empty' } })
    expect(decodeUtf8(bytes(' \n\t\n'))).toEqual({ ok: false, problem: { code: 'empty' } })
    expect(decodeUtf8(new Uint8Array(2001), 2000)).toEqual({ ok: false, problem: { code: 'tooLarge', bytes: 2001, maxBytes: 2000 } })
  })
})

describe('reading CSV and TSV in the shape Anki uses', () => {
  it('reads front, back and optional tags from a TSV', () => {
    const t = table('Qu’est-ce qu’un PM ?\tLe responsable du produit\tpm role\nPO ?\tProduct Owner\n')
    expect(t.delimiter).toBe('\t')
    expect(t.header).toBeNull()
    expect(t.problems).toEqual([])
    expect(t.rows).toEqual([
      { line: 1, kind: 'basic', front: 'Qu’est-ce qu’un PM ?', back: 'Le responsable du produit', tags: ['pm', 'role'] },
      { line: 2, kind: 'basic', front: 'PO ?', back: 'Product Owner', tags: [] },
    ])
  })

  it('reads a CSV with a header row, quoted fields, commas and line breaks inside quotes', () => {
    const t = table('Front,Back,Tags\r\n"B2B, B2C ?","Deux marchés\r\ndifférents",marché\r\nMVP,"Le ""minimum""",\r\n')
    expect(t.header).toEqual(['Front', 'Back', 'Tags'])
    expect(t.rows).toEqual([
      { line: 2, kind: 'basic', front: 'B2B, B2C ?', back: 'Deux marchés\r\ndifférents', tags: ['marché'] },
      { line: 4, kind: 'basic', front: 'MVP', back: 'Le "minimum"', tags: [] },
    ])
  })

  it('guesses semicolons (French spreadsheets) and recognises French header names', () => {
    const t = table('Recto;Verso\nPM;Product Manager\n')
    expect(t.delimiter).toBe(';')
    expect(t.header).toEqual(['Recto', 'Verso'])
    expect(t.rows).toHaveLength(1)
  })

  it('follows Anki header lines: separator, note-type column, tags column, global tags', () => {
    const text = '#separator:tab\n#html:false\n#notetype column:1\n#tags column:4\n#tags:import\nBasic\tRecto\tVerso\tt1\nCloze\tLe {{c1::PM}} décide\t\t\n'
    const t = table(text)
    expect(t.rows).toEqual([
      { line: 6, kind: 'basic', front: 'Recto', back: 'Verso', tags: ['import', 't1'] },
      { line: 7, kind: 'cloze', front: 'Le {{c1::PM}} décide', back: '', tags: ['import'] },
    ])
  })

  it('takes a front with a cloze gap as a cloze card when no note type is given', () => {
    expect(table('Le {{c1::PO}} gère le backlog\tScrum').rows[0]?.kind).toBe('cloze')
  })

  it('counts lines across quoted line breaks, so messages point at the right line', () => {
    const t = table('a\t"1\n2\n3"\nb\tc\td\te\n')
    expect(t.problems).toEqual([{ line: 4, code: 'columns', found: 4, expected: [2, 3] }])
  })
})

describe('bad rows: one problem each, the good rows still read', () => {
  it('a row with too few or too many columns', () => {
    const t = table('Q1\tA1\nseulement une colonne\nQ3\tA3\ttag\textra\n')
    expect(t.rows.map((r) => r.line)).toEqual([1])
    expect(t.problems).toEqual([
      { line: 2, code: 'columns', found: 1, expected: [2, 3] },
      { line: 3, code: 'columns', found: 4, expected: [2, 3] },
    ])
  })

  it('a header fixes the column count', () => {
    const t = table('front,back\nQ,A\nQ,A,x\n')
    expect(t.problems).toEqual([{ line: 3, code: 'columns', found: 3, expected: [2] }])
  })

  it('an unclosed quote', () => {
    const t = table('Q1,A1\n"Q2,A2\nQ3,A3\n')
    expect(t.problems).toEqual([{ line: 2, code: 'quotes' }])
  })

  it('a huge row', () => {
    const t = table(`Q1\tA1\nQ2\t${'x'.repeat(10_001)}\n`)
    expect(t.problems).toEqual([{ line: 2, code: 'tooLong', field: 'back', chars: 10_001, max: 10_000 }])
  })

  it('an empty front or back, and a tag with punctuation', () => {
    const t = table('\tA1\nQ2\t\nQ3\tA3\tok bad!tag\n')
    expect(t.problems).toEqual([
      { line: 1, code: 'emptyFront' },
      // The front, when there is one, tells the learner which card the line is.
      { line: 2, front: 'Q2', code: 'emptyBack' },
      { line: 3, front: 'Q3', code: 'tag', tag: 'bad!tag' },
    ])
  })
})

describe('bad files: refused as a whole', () => {
  it('a header and nothing else', () => {
    expect(parseCardTable('front\tback\n\n')).toEqual({ ok: false, problem: { code: 'noRows' } })
  })

  it('more rows than the limit', () => {
    const text = Array.from({ length: 11 }, (_, i) => `Q${i}\tA${i}`).join('\n')
    expect(parseCardTable(text, { maxRows: 10 })).toMatchObject({ ok: false, problem: { code: 'tooManyRows', max: 10 } })
    expect(parseCardTable(text, { maxRows: 11 }).ok).toBe(true)
  })

  it('reads 10,000 rows quickly', () => {
    const text = Array.from({ length: 10_000 }, (_, i) => `Question ${i}\tRéponse ${i}\ttag${i % 7}`).join('\n')
    const start = performance.now()
    const t = table(text)
    expect(t.rows).toHaveLength(10_000)
    expect(performance.now() - start).toBeLessThan(2000)
  })
})
