// The message each bad import gets: what is wrong and what to do, the line (as a learner counts) and
// the card's front, in the learner's language; the technical words only under "Details".
import * as v from 'valibot'
import { describe, expect, it } from 'vitest'
import type { Composer } from 'petite-vue-i18n'
import { fileMessage, fileProblem, rowMessage, type FileProblem } from '../../src/components/browse/browse-import-messages'
import type { RowProblem } from '../../src/domain/user-content/csv-table'
import { schemaIssue } from '../../src/domain/validation/schema-issue'
import { testI18n } from './i18n'

// The app's helpers take the app composer's `t`; the test composer's is the same function.
const fr = { t: testI18n('fr').global.t as unknown as Composer['t'] }
const en = { t: testI18n('en').global.t as unknown as Composer['t'] }
const N = '\u202f'

describe('import messages', () => {
  it('a message for every file problem', () => {
    const cases: Array<[FileProblem, string]> = [
      [{ code: 'empty' }, 'Le fichier est vide.'],
      [{ code: 'tooLarge', bytes: 12_300_000, maxBytes: 10_000_000 }, `Le fichier pèse 12,3${N}Mo${N}; la limite est de 10${N}Mo. Découpez-le.`],
      [{ code: 'utf16' }, `Le fichier est encodé en UTF-16${N}: enregistrez-le en UTF-8.`],
      [{ code: 'binary' }, `Ce n’est pas un fichier texte (un classeur .xlsx ou .ods${N}?)${N}: exportez-le en «${N}CSV UTF-8${N}».`],
      [{ code: 'encoding', line: 4 }, `Le fichier n’est pas en UTF-8 (premier caractère illisible ligne 4)${N}: enregistrez-le en «${N}CSV UTF-8${N}».`],
      [{ code: 'noRows' }, 'Le fichier ne contient aucune carte.'],
      [{ code: 'tooManyRows', rows: 10_001, max: 10_000 }, `Le fichier dépasse 10${N}000 lignes${N}: découpez-le.`],
      [{ code: 'unreadable', message: 'NotReadableError' }, `Le fichier n’a pas pu être lu (déplacé, supprimé, ou encore en cours de téléchargement${N}?)${N}: choisissez-le à nouveau.`],
    ]
    for (const [problem, text] of cases) expect(fileMessage(fr.t, 'fr', problem)).toBe(text)
    expect(fileMessage(en.t, 'en', { code: 'encoding', line: 2 })).toBe('The file is not UTF-8 (first unreadable character on line 2): save it as “CSV UTF-8”.')
    // The browser's own words stay available, under "Details".
    expect(fileProblem(fr.t, 'fr', { code: 'unreadable', message: 'NotReadableError' }).detail).toBe('NotReadableError')
  })

  it('a message for every row problem: what to do, and where (line and front)', () => {
    const cases: Array<[RowProblem, string]> = [
      [{ line: 3, code: 'columns', found: 4, expected: [2, 3] }, `4 colonnes au lieu de 2 ou 3 (recto, verso, tags). Un texte contient le séparateur${N}? Mettez ce texte entre guillemets.`],
      [{ line: 3, code: 'columns', found: 1, expected: [2] }, `1 colonne au lieu de 2 (recto, verso, tags). Un texte contient le séparateur${N}? Mettez ce texte entre guillemets.`],
      [{ line: 3, code: 'quotes' }, `Un guillemet ouvert n’est jamais fermé${N}: fermez-le, et doublez ("") les guillemets à l’intérieur d’un texte.`],
      [{ line: 3, code: 'tooLong', field: 'front', chars: 12_000, max: 10_000 }, `Le recto fait 12${N}000 caractères, au-delà de 10${N}000${N}: raccourcissez ce texte.`],
      [{ line: 3, code: 'emptyFront' }, `Le recto est vide${N}: écrivez la question.`],
      [{ line: 3, code: 'emptyBack' }, `Le verso est vide${N}: écrivez la réponse (seul un texte à trous peut s’en passer).`],
      [{ line: 3, code: 'tag', tag: 'a,b' }, `Le tag «${N}a,b${N}» contient une ponctuation${N}: séparez les tags par des espaces.`],
      [{ line: 3, code: 'cloze', issue: { code: 'emptyAnswer', ord: 1 } }, `Le trou c1 n’a pas de réponse${N}: écrivez-la juste après «${N}c1::${N}».`],
      [{ line: 3, code: 'cloze', issue: { code: 'noGap' } }, `Aucun trou${N}: entourez chaque réponse ainsi${N}: {{c1::réponse}}.`],
    ]
    for (const [problem, text] of cases) expect(rowMessage(fr.t, 'fr', problem).what).toBe(text)
    expect(rowMessage(fr.t, 'fr', { line: 3, code: 'quotes' }).where).toBe('Ligne 3 du fichier')
    expect(rowMessage(fr.t, 'fr', { line: 12, front: 'Qu’est-ce qu’un PM ?', code: 'emptyBack' }).where).toBe(`Ligne 12 du fichier${N}: «${N}Qu’est-ce qu’un PM ?${N}»`)
    expect(rowMessage(en.t, 'en', { line: 2, code: 'columns', found: 1, expected: [2] })).toEqual({
      what: '1 column instead of 2 (front, back, tags). Does a text hold the separator? Put that text in quotes.',
      where: 'Line 2 of the file',
    })
  })

  it('words a refusal of the deck schema from what valibot saw, its jargon kept for "Details"', () => {
    const r = v.safeParse(v.looseObject({ source: v.pipe(v.string(), v.nonEmpty('source is empty')) }), { source: '' })
    if (r.success) throw new Error('accepted')
    const line = rowMessage(fr.t, 'fr', { line: 5, code: 'schema', issue: schemaIssue(r.issues[0]!) })
    expect(line).toEqual({ what: 'La source est vide.', where: 'Ligne 5 du fichier', detail: 'line 5: source: source is empty' })
    const cloze = rowMessage(en.t, 'en', { line: 4, code: 'cloze', issue: { code: 'emptyAnswer', ord: 2 } })
    expect(cloze).toEqual({ what: 'Gap c2 has no answer: write it right after “c2::”.', where: 'Line 4 of the file', detail: 'line 4: gap c2 has an empty answer' })
  })
})
