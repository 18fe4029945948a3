// The one schema for deck files: built-in decks at build time and the learner's imports later.
import * as v from 'valibot'

const nonEmpty = (what: string) =>
  v.pipe(v.string(`${what} must be text`), v.trim(), v.nonEmpty(`${what} is empty`))

export const LocalizedTextSchema = v.union(
  [
    nonEmpty('text'),
    v.strictObject({ fr: nonEmpty('French text'), en: v.optional(nonEmpty('English text')) }),
  ],
  'must be text, or an object { fr, en }',
)

export const CARD_KINDS = ['basic', 'cloze', 'choice', 'interview'] as const
export type CardKind = (typeof CARD_KINDS)[number]

const IdSchema = v.pipe(
  v.string('id must be text'),
  v.regex(/^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/, 'id must be lower-case letters, digits and dashes'),
  v.maxLength(80, 'id is longer than 80 characters'),
)

const common = {
  id: IdSchema,
  source: v.pipe(v.string('source must be text'), v.nonEmpty('source is empty')),
  tags: v.optional(v.array(v.pipe(v.string(), v.regex(/^[\p{L}\p{N}_:-]+$/u, 'a tag has spaces or punctuation'))), []),
}

export const BasicEntrySchema = v.strictObject({
  ...common,
  kind: v.literal('basic'),
  front: LocalizedTextSchema,
  back: LocalizedTextSchema,
})

export const ClozeEntrySchema = v.strictObject({
  ...common,
  kind: v.literal('cloze'),
  text: LocalizedTextSchema,
  extra: v.optional(LocalizedTextSchema),
})

export const ChoiceEntrySchema = v.strictObject({
  ...common,
  kind: v.literal('choice'),
  question: LocalizedTextSchema,
  options: v.array(
    v.strictObject({ text: LocalizedTextSchema, correct: v.optional(v.boolean(), false) }),
    'options must be a list',
  ),
  explanation: LocalizedTextSchema,
})

export const InterviewEntrySchema = v.strictObject({
  ...common,
  kind: v.literal('interview'),
  question: LocalizedTextSchema,
  answer: LocalizedTextSchema,
  keyPoints: v.array(LocalizedTextSchema, 'keyPoints must be a list'),
})

export const EntrySchema = v.variant(
  'kind',
  [BasicEntrySchema, ClozeEntrySchema, ChoiceEntrySchema, InterviewEntrySchema],
  (issue) => `unknown kind ${JSON.stringify(issue.input)} (expected one of ${CARD_KINDS.join(', ')})`,
)

export const DeckFileSchema = v.strictObject({
  id: IdSchema,
  title: LocalizedTextSchema,
  description: v.optional(LocalizedTextSchema),
  cards: v.pipe(v.array(v.unknown(), 'cards must be a list'), v.minLength(1, 'a deck needs at least one card')),
})

export const SourceSectionSchema = v.strictObject({
  id: IdSchema,
  title: LocalizedTextSchema,
  context: LocalizedTextSchema,
})
export const SourcesFileSchema = v.strictObject({
  sections: v.array(SourceSectionSchema),
})

export type BasicEntry = v.InferOutput<typeof BasicEntrySchema>
export type ClozeEntry = v.InferOutput<typeof ClozeEntrySchema>
export type ChoiceEntry = v.InferOutput<typeof ChoiceEntrySchema>
export type InterviewEntry = v.InferOutput<typeof InterviewEntrySchema>
export type DeckEntry = v.InferOutput<typeof EntrySchema>
export type SourceSection = v.InferOutput<typeof SourceSectionSchema>
