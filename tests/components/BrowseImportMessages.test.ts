// The message each bad import gets: it names what is wrong and where, in both languages.
import { describe, expect, it } from 'vitest'
import type { Composer } from 'petite-vue-i18n'
import { fileMessage, rowMessage, type FileProblem } from '../../src/components/browse/browse-import-messages'
import type { RowProblem } from '../../src/domain/user-content/csv-table'
import { testI18n } from './i18n'

// The app's helpers take the app composer's `t`; the test composer's is the same function.
const fr = { t: testI18n('fr').global.t as unknown as Composer['t'] }
const en = { t: testI18n('en').global.t as unknown as Composer['t'] }

describe('import messages', () => {
  it('a message for every file problem', () => {
    const cases: Array<[FileProblem, string]> = [
      [{ code: 'empty' }, 'Le fichier est vide.'],
      [{ code: 'tooLarge', bytes: 12_300_000, maxBytes: 10_000_000 }, 'Le fichier pèse 12,3\u202fMo\u202f; la limite est de 10\u202fMo. Découpez-le.'],
      [{ code: 'utf16' }, 'Le fichier est encodé en UTF-16\u202f: enregistrez-le en UTF-8.'],
      [{ code: 'binary' }, 'Ce n’est pas un fichier texte (un classeur .xlsx ou .ods\u202f?)\u202f: exportez-le en «\u202fCSV UTF-8\u202f».'],
      [{ code: 'encoding', line: 4 }, 'Le fichier n’est pas en UTF-8 (premier caractère illisible ligne 4)\u202f: enregistrez-le en «\u202fCSV UTF-8\u202f».'],
      [{ code: 'noRows' }, 'Le fichier ne contient aucune carte.'],
      [{ code: 'tooManyRows', rows: 10_001, max: 10_000 }, 'Le fichier dépasse 10\u202f000 lignes\u202f: découpez-le.'],
      [{ code: 'unreadable', message: 'NotReadableError' }, 'Lecture du fichier impossible\u202f: NotReadableError'],
    ]
    for (const [problem, text] of cases) expect(fileMessage(fr.t, 'fr', problem)).toBe(text)
    expect(fileMessage(en.t, 'en', { code: 'encoding', line: 2 })).toBe('The file is not UTF-8 (first unreadable character on line 2): save it as “CSV UTF-8”.')
  })

  it('a message for every row problem, naming the line', () => {
    const cases: Array<[RowProblem, string]> = [
      [{ line: 3, code: 'columns', found: 4, expected: [2, 3] }, 'Ligne 3\u202f: 4 colonnes au lieu de 2 ou 3 (recto, verso, tags).'],
      [{ line: 3, code: 'quotes' }, 'Ligne 3\u202f: un guillemet ouvert n’est jamais fermé.'],
      [{ line: 3, code: 'tooLong', field: 'front', chars: 12_000, max: 10_000 }, 'Ligne 3\u202f: le recto fait 12\u202f000 caractères (maximum 10\u202f000).'],
      [{ line: 3, code: 'emptyFront' }, 'Ligne 3\u202f: le recto est vide.'],
      [{ line: 3, code: 'emptyBack' }, 'Ligne 3\u202f: le verso est vide.'],
      [{ line: 3, code: 'tag', tag: 'a,b' }, 'Ligne 3\u202f: le tag «\u202fa,b\u202f» contient une espace ou une ponctuation.'],
      [{ line: 3, code: 'cloze', detail: 'gap c1 has an empty answer' }, 'Ligne 3\u202f: texte à trous invalide (gap c1 has an empty answer).'],
      [{ line: 3, code: 'schema', field: 'id', detail: 'bad' }, 'Ligne 3\u202f: champ id refusé (bad).'],
    ]
    for (const [problem, text] of cases) expect(rowMessage(fr.t, 'fr', problem)).toBe(text)
    expect(rowMessage(en.t, 'en', { line: 2, code: 'columns', found: 1, expected: [2] })).toBe('Line 2: 1 column instead of 2 (front, back, tags).')
  })
})
