// Text in the two study languages; French is the source language and the fallback.
export const STUDY_LANGUAGES = ['fr', 'en'] as const
export type StudyLanguage = (typeof STUDY_LANGUAGES)[number]

/** A string in both languages (built-in decks) or a single string (the learner's own cards). */
export type LocalizedText = string | { fr: string; en?: string }

export function pickText(text: LocalizedText | undefined, lang: StudyLanguage): string {
  if (text === undefined) return ''
  if (typeof text === 'string') return text
  return (lang === 'en' ? text.en : undefined) ?? text.fr
}
