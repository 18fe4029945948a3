// @vitest-environment happy-dom
// A refused backup, as the learner reads it: what is wrong in their language, where (the card's
// question, the line of the file as they count), what to do; the developer's words only under "Details".
import { mount } from '@vue/test-utils'
import { describe, expect, it } from 'vitest'
import type { Composer } from 'petite-vue-i18n'
import DataProblems from '../../src/components/data/DataProblems.vue'
import { problemLine, problemTodo } from '../../src/components/data/problem-text'
import { serializeBackup, type BackupFile } from '../../src/domain/backup/format'
import type { BackupProblem } from '../../src/domain/backup/problems'
import { readBackup } from '../../src/domain/backup/read-backup'
import { BAD_CASES } from '../fixtures/bad-backups/cases'
import { editable, encode, NOW } from '../fixtures/bad-backups/base'
import { testI18n } from './i18n'

const N = '\u202f'
const refused = (bytes: Uint8Array): BackupProblem[] => {
  const r = readBackup(bytes, NOW)
  if (r.ok) throw new Error('accepted')
  return r.problems
}

describe('a refused backup, in words', () => {
  it('a tampered grade: what is wrong, the card and the line, what to do; the path under Details', () => {
    const b = editable()
    b.tables.reviews[0].grade = 9
    const card = b.tables.cards.find((c: { id: string }) => c.id === b.tables.reviews[0].cardId)
    const problems = refused(encode(serializeBackup(b as BackupFile)))
    const w = mount(DataProblems, { props: { fileName: 'sauvegarde.json', problems }, global: { plugins: [testI18n('fr')] } })
    expect(w.find('[data-test="problem-what"]').text()).toBe('La note vaut 9, or ce doit être 1, 2, 3 ou 4.')
    const where = w.find('[data-test="problem-where"]').text()
    expect(where).toMatch(new RegExp(`^Révision de la carte «${N}.+${N}», ligne \\d+ du fichier$`))
    expect(where).toContain(String(card.content.front ?? card.content.question ?? '').slice(0, 20))
    // The question keeps its own spaces, a no-break one before "?" included.
    const withNbsp = editable()
    withNbsp.tables.cards[0].content = { kind: 'basic', front: 'Qui décide\u202f?', back: 'Le PM' }
    withNbsp.tables.reviews.find((r: { cardId: string }) => r.cardId === withNbsp.tables.cards[0].id).grade = 9
    const fr = testI18n('fr').global.t as unknown as Composer['t']
    const placed = refused(encode(serializeBackup(withNbsp as BackupFile))).map((p) => problemLine(fr, 'fr', p).where)
    expect(placed).toContainEqual(expect.stringContaining(`«${N}Qui décide${N}?${N}»`))
    expect(w.find('[data-test="problem-todo"]').text()).toMatch(/^Ce fichier a été modifié ou abîmé/)
    // The developer's words, folded away under "Détails".
    const details = w.find('details.disclosure')
    expect(details.attributes('open')).toBeUndefined()
    expect(details.find('summary').text()).toBe('Détails')
    expect(details.text()).toContain('reviews[0].grade: Invalid type: Expected (1 | 2 | 3 | 4) but received 9')
    expect(w.find('[data-test="problem"]').text()).not.toContain('reviews[0]')
  })

  it('a wrong format version no longer says « undefined »', () => {
    const b = editable()
    delete b.formatVersion
    const [p] = refused(encode(JSON.stringify(b)))
    const fr = testI18n('fr').global.t as unknown as Composer['t']
    expect(problemLine(fr, 'fr', p!)).toEqual({
      what: `La version du format manque ou n’existe pas${N}: le fichier a été modifié ou abîmé.`,
      detail: 'formatVersion: undefined',
    })
  })

  it('every bad file of the test set reads without paths, ids or valibot’s words, in French and in English', () => {
    const jargon = /\w\[\d+\]|\b(undefined|expected|received|attendu|trouvé|string|boolean|Array|Object|picklist|formatVersion|exportedAt)\b/
    const found: string[] = []
    for (const lang of ['fr', 'en'] as const) {
      const t = testI18n(lang).global.t as unknown as Composer['t']
      for (const bad of BAD_CASES) {
        const problems = refused(bad.bytes())
        for (const p of problems) {
          const line = problemLine(t, lang, p)
          for (const text of [line.what, line.where ?? '', ...problemTodo(t, [p])]) {
            if (jargon.test(text) || (lang === 'fr' && /\bnumber\b/.test(text))) found.push(`${lang} ${bad.name}: ${text}`)
          }
          expect(line.detail, bad.name).toMatch(/\S/)
        }
      }
    }
    expect(found).toEqual([])
  })
})
