// What a new device joining says of its progress, in both languages.
import { describe, expect, it } from 'vitest'
import { progressText } from '../../src/components/sync/sync-progress'
import { testI18n } from './i18n'

const say = (locale: 'fr' | 'en', progress: Parameters<typeof progressText>[2]) => progressText(testI18n(locale).global.t, locale, progress)

describe('the sync progress words', () => {
  it('counts the changes fetched, then the history written once the cards are up to date', () => {
    expect(say('fr', { phase: 'download', done: 42_000, total: 100_000 })).toBe('Récupération\u202f: 42\u202f000 / 100\u202f000 modifications')
    expect(say('fr', { phase: 'apply', done: 2_000, total: 100_000 })).toBe('Vos cartes sont à jour\u202f: vous pouvez déjà réviser. Historique\u202f: 2\u202f000 / 100\u202f000 modifications')
    expect(say('en', { phase: 'download', done: 42_000, total: 100_000 })).toBe('Fetching: 42,000 / 100,000 changes')
  })

  it('says it is fetching while the total is unknown (a snapshot on its way), and never less than done', () => {
    expect(say('fr', { phase: 'download', done: 0, total: 0 })).toBe('Récupération des données de l’espace…')
    expect(say('en', { phase: 'download', done: 1200, total: 1000 })).toBe('Fetching: 1,200 / 1,200 changes')
    expect(say('fr', { phase: 'apply', done: 1, total: 1 })).toBe('Vos cartes sont à jour\u202f: vous pouvez déjà réviser. Historique\u202f: 1 / 1 modification')
  })
})
