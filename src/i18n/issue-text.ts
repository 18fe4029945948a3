// A schema issue in the learner's words: which field (named as the learner knows it), what it holds
// and what it should hold. The one place the kinds of src/domain/validation/schema-issue.ts are worded
// (messages: the "issues" namespace, with the words of failed writes), and the cloze syntax's issues with them.
import type { Composer } from 'petite-vue-i18n'
import type { ClozeIssue } from '../domain/content/cloze'
import type { SchemaIssue } from '../domain/validation/schema-issue'

type T = Composer['t']

/** Fields the app has a word for; any other is named as the file names it. */
const NAMED = new Set([
  'grade', 'reviewedAt', 'cardId', 'deckId', 'id', 'durationMs', 'due', 'stability', 'difficulty', 'state', 'lastReview',
  'reps', 'lapses', 'suspended', 'flag', 'position', 'title', 'front', 'back', 'text', 'extra', 'question', 'answer',
  'explanation', 'options', 'keyPoints', 'tags', 'source', 'kind', 'content', 'exportedAt', 'startedAt', 'finishedAt',
  'value', 'key', 'formatVersion', 'decks', 'cards', 'schedules', 'reviews', 'mockInterviews', 'settings', 'meta',
])

const TYPES: Partial<Record<SchemaIssue['kind'], string>> = {
  notText: 'text',
  notNumber: 'number',
  notWholeNumber: 'wholeNumber',
  notYesNo: 'yesNo',
  notList: 'list',
  notGroup: 'group',
}

const upperFirst = (s: string) => s.charAt(0).toLocaleUpperCase() + s.slice(1)

/** "la note", "the grade"; "le champ « someFlag »" for a field the app has no word for. */
export function fieldName(t: T, field: string | null): string {
  if (field === null) return t('issue.field_.file')
  return NAMED.has(field) ? t(`issue.field.${field}`) : t('issue.field_.other', { key: field })
}

/** The value found, as a learner reads it: "3" in the language's quotes, a list or a group named, numbers as they are. */
function shownValue(t: T, received: string): string {
  if (received === 'Array') return t('issue.type.list')
  if (received === 'Object') return t('issue.type.group')
  if (received.startsWith('"')) return t('issue.quoted', { text: received.replace(/^"|"$/g, '') })
  return received
}

/** One sentence: what is wrong with the field, and what it should be. */
export function issueText(t: T, locale: string, issue: SchemaIssue): string {
  const field = fieldName(t, issue.field)
  const received = shownValue(t, issue.received)
  const type = TYPES[issue.kind]
  let text: string
  if (type !== undefined) {
    const expected = t(`issue.type.${type}`)
    text = received === 'null' ? t('issue.emptyInstead', { field, expected }) : t('issue.instead', { field, received, expected })
  } else {
    switch (issue.kind) {
      case 'notOneOf': {
        const allowed = new Intl.ListFormat(locale, { type: 'disjunction' }).format((issue.allowed ?? []).map((a) => shownValue(t, a)))
        text = t('issue.instead', { field, received, expected: allowed })
        break
      }
      case 'tooSmall':
      case 'tooLarge':
        text = t(`issue.${issue.kind}`, { field, received, limit: (issue.limit ?? 0).toLocaleString(locale) })
        break
      case 'tooLong':
        text = t('issue.tooLong', { field, limit: (issue.limit ?? 0).toLocaleString(locale) }, issue.limit ?? 0)
        break
      case 'futureDate':
        text = t('issue.futureDate', {
          field,
          date: new Date(issue.valueMs ?? 0).toLocaleString(locale, { day: 'numeric', month: 'long', year: 'numeric', hour: '2-digit', minute: '2-digit' }),
        })
        break
      case 'unknownField':
        text = t('issue.unknownField', { key: issue.field ?? '' })
        break
      case 'invalid':
        text = received === '' ? t('issue.invalidBare', { field }) : t('issue.invalid', { field, received })
        break
      default:
        text = t(`issue.${issue.kind}`, { field, received })
    }
  }
  return upperFirst(text)
}

/** A cloze syntax issue and how to fix it (braces are placeholders in messages: they come in as parameters). */
export function clozeIssueText(t: T, locale: string, issue: ClozeIssue): string {
  const answer = locale === 'en' ? 'answer' : 'réponse'
  const params = { ord: 'ord' in issue ? issue.ord : 0, example: `{{c1::${answer}}}`, open: '{{', close: '}}' }
  return t(`issue.cloze.${issue.code}`, params)
}
