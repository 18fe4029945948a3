// The one mapping from valibot's issues to what they mean for a learner, then the words for each
// kind in both languages (src/i18n/issue-text.ts): no valibot jargon ("expected number") reaches a message.
import * as v from 'valibot'
import { describe, expect, it } from 'vitest'
import type { Composer } from 'petite-vue-i18n'
import { issueText } from '../../src/i18n/issue-text'
import { CHECK, formatKeys, schemaIssue, type IssueKind } from '../../src/domain/validation/schema-issue'
import { testI18n } from '../components/i18n'

const first = (schema: v.GenericSchema, input: unknown, prefix: Array<string | number> = []) => {
  const r = v.safeParse(schema, input)
  if (r.success) throw new Error('accepted')
  return schemaIssue(r.issues[0]!, prefix)
}
const date = v.pipe(v.number(), v.check((n) => Number.isInteger(n) && n > 0, CHECK.invalidDate), v.check((n) => n < 100, CHECK.futureDate))

const CASES: Array<[IssueKind, v.GenericSchema, unknown]> = [
  ['missing', v.looseObject({ grade: v.number() }), {}],
  ['unknownField', v.strictObject({ a: v.number() }), { a: 1, flashcards: [] }],
  ['notText', v.looseObject({ front: v.union([v.string(), v.looseObject({ fr: v.string() })]) }), { front: 12 }],
  ['notText', v.string(), 1],
  ['notNumber', v.looseObject({ reviewedAt: v.nullable(v.number()) }), { reviewedAt: 'x' }],
  ['notNumber', v.pipe(v.number(), v.finite()), Infinity],
  ['notWholeNumber', v.pipe(v.number(), v.integer()), 1.5],
  ['notYesNo', v.boolean(), 'no'],
  ['notList', v.array(v.string()), {}],
  ['notGroup', v.looseObject({ value: v.looseObject({}) }), { value: 'dark' }],
  ['notOneOf', v.looseObject({ grade: v.picklist([1, 2, 3, 4]) }), { grade: 9 }],
  ['notOneOf', v.variant('kind', [v.looseObject({ kind: v.literal('basic') })]), { kind: 'video' }],
  ['tooSmall', v.pipe(v.number(), v.minValue(0)), -1],
  ['tooLarge', v.pipe(v.number(), v.maxValue(7)), 9],
  ['empty', v.pipe(v.string(), v.nonEmpty()), ''],
  ['tooLong', v.pipe(v.string(), v.maxLength(3)), 'abcd'],
  ['badFormat', v.pipe(v.string(), v.regex(/^[a-z]+$/)), 'a b'],
  ['futureDate', date, 500],
  ['invalidDate', date, 1.5],
  ['endsBeforeStart', v.pipe(v.looseObject({}), v.check(() => false, CHECK.finishedBeforeStart)), {}],
  ['invalid', v.custom(() => false), 1],
]

describe('schemaIssue: what a valibot issue means', () => {
  it('recognises each kind a learner can be told about', () => {
    for (const [kind, schema, input] of CASES) expect(first(schema, input).kind, `${kind} ← ${JSON.stringify(input)}`).toBe(kind)
  })

  it('keeps the field, the value found, the values allowed and the bound, and valibot’s words for the details', () => {
    expect(first(v.looseObject({ grade: v.picklist([1, 2, 3, 4]) }), { grade: 9 }, ['reviews', 0])).toEqual({
      kind: 'notOneOf',
      keys: ['reviews', 0, 'grade'],
      field: 'grade',
      received: '9',
      allowed: ['1', '2', '3', '4'],
      technical: 'Invalid type: Expected (1 | 2 | 3 | 4) but received 9',
    })
    expect(first(v.pipe(v.number(), v.maxValue(7)), 9, ['schedules', 2, 'flag'])).toMatchObject({ kind: 'tooLarge', limit: 7, field: 'flag' })
    expect(first(date, 500)).toMatchObject({ kind: 'futureDate', valueMs: 500, field: null })
    expect(formatKeys(['reviews', 12, 'before', 'state'])).toBe('reviews[12].before.state')
    expect(formatKeys([])).toBe('(root)')
  })
})

describe('issueText: each kind in the learner’s language', () => {
  const words = (lang: 'fr' | 'en') => {
    const { t } = testI18n(lang).global
    return (_kind: IssueKind, schema: v.GenericSchema, input: unknown) => issueText(t as unknown as Composer['t'], lang, first(schema, input))
  }

  it('says what is wrong in plain words, in French and English, for every kind', () => {
    for (const lang of ['fr', 'en'] as const) {
      const say = words(lang)
      for (const [kind, schema, input] of CASES) {
        const text = say(kind, schema, input)
        expect(text, `${lang} ${kind}`).toMatch(/\S/)
        // No valibot jargon, and no English word in French.
        expect(text, `${lang} ${kind}: ${text}`).not.toMatch(/\b(Expected|received|string|boolean|Array|Object|undefined|picklist|never)\b/)
        if (lang === 'fr') expect(text, `${kind}: ${text}`).not.toMatch(/\b(number|text|list|expected|but)\b/)
      }
    }
  })

  it('names the field the way a learner knows it', () => {
    const fr = words('fr')
    const en = words('en')
    const grade = v.looseObject({ grade: v.picklist([1, 2, 3, 4]) })
    expect(fr('notOneOf', grade, { grade: 9 })).toBe('La note vaut 9, or ce doit être 1, 2, 3 ou 4.')
    expect(en('notOneOf', grade, { grade: 9 })).toBe('The grade is 9, but it must be 1, 2, 3, or 4.')
    expect(fr('missing', v.looseObject({ cardId: v.string() }), {})).toBe('Il manque l’identifiant de la carte.')
    expect(en('missing', v.looseObject({ cardId: v.string() }), {})).toBe('The card’s id is missing.')
    expect(fr('notNumber', v.looseObject({ reviewedAt: v.number() }), { reviewedAt: null })).toBe('La date de révision est vide, or ce doit être un nombre.')
    // A field the app has no word for is named as the file names it.
    expect(fr('notYesNo', v.looseObject({ someFlag: v.boolean() }), { someFlag: 'no' })).toBe('Le champ «\u202fsomeFlag\u202f» vaut «\u202fno\u202f», or ce doit être vrai ou faux.')
  })
})
