// @vitest-environment happy-dom
// A card's facts read as French: "aucune" for a missing source or mark (la source, la marque),
// "aucun" for tags (le tag).
import { flushPromises, mount } from '@vue/test-utils'
import { describe, expect, it } from 'vitest'
import BrowseCardFacts from '../../src/components/browse/BrowseCardFacts.vue'
import type { CardRow, ScheduleRow } from '../../src/db/database'
import { USER_SOURCE } from '../../src/domain/user-content/user-source'
import { testI18n } from './i18n'

const card: CardRow = {
  id: 'u-1', deckId: 'd', entryId: 'u-1', ord: 0, source: USER_SOURCE, tags: [], position: 0, hash: 'h',
  content: { id: 'u-1', kind: 'basic', source: USER_SOURCE, tags: [], front: 'Q', back: 'R' }, origin: 'user', retired: false,
}
const schedule: ScheduleRow = {
  cardId: 'u-1', deckId: 'd', position: 0, due: 0, stability: 0, difficulty: 0, elapsedDays: 0, scheduledDays: 0, learningSteps: 0,
  reps: 0, lapses: 0, state: 0, lastReview: null, suspended: false, buriedUntilDay: 0, retired: false, flag: 0, version: 1,
}

describe('BrowseCardFacts', () => {
  it('agrees "none" with each fact: Source aucune, Tags aucun, Marques aucune', async () => {
    const w = mount(BrowseCardFacts, {
      props: { detail: { card, schedule, deck: null, reviews: [], retrievability: 0 }, lang: 'fr', today: 10 },
      global: { plugins: [testI18n('fr')] },
    })
    await flushPromises()
    const fact = (label: string) => w.findAll('.facts div').find((d) => d.find('dt').text() === label)?.find('dd').text()
    expect([fact('Source'), fact('Tags'), fact('Marques')]).toEqual(['aucune', 'aucun', 'aucune'])
  })
})
