// @vitest-environment happy-dom
import { flushPromises, mount, RouterLinkStub } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import InterviewPlan from '../../src/components/interview/InterviewPlan.vue'
import { clock } from '../../src/composables/clock'
import { getDb } from '../../src/db/database'
import { syncBuiltinDecks } from '../../src/db/deck-sync'
import { loadInterviewPrefs } from '../../src/db/interview-repository'
import { loadSettings } from '../../src/db/settings-repository'
import { useInterviewStore } from '../../src/stores/interview'
import { useSettingsStore } from '../../src/stores/settings'
import { basicCard, deckOf } from '../db/helpers'
import { testI18n } from './i18n'

// Thursday 26 November 2026, 10:00 in Paris.
const NOW = Date.parse('2026-11-26T09:00:00Z')
const real = { now: clock.now, timeZone: clock.timeZone }

beforeAll(async () => {
  clock.now = () => NOW
  clock.timeZone = () => 'Europe/Paris'
  const cards = Array.from({ length: 30 }, (_, i) => basicCard('d1', `card-${i}`, `Q${i}`, `A${i}`, i))
  await syncBuiltinDecks(getDb(), [deckOf('d1', cards)], NOW - 1000)
})
afterAll(() => Object.assign(clock, real))
beforeEach(async () => {
  setActivePinia(createPinia())
  await useSettingsStore().update({ newPerDay: 2 })
})

async function mountPlan(isoDate: string | null) {
  const store = useInterviewStore()
  await store.setDate(isoDate)
  const w = mount(InterviewPlan, { props: { place: 'home' }, global: { plugins: [testI18n()], stubs: { RouterLink: RouterLinkStub } } })
  await flushPromises()
  return w
}

describe('InterviewPlan', () => {
  it('without a date, invites the learner to set one', async () => {
    const w = await mountPlan(null)
    expect(w.text()).toMatch(/Un entretien PM en vue\u202f\?/)
    expect(w.findComponent(RouterLinkStub).props('to')).toBe('/interview')
  })

  it('ten days ahead: days left, cards not learned, new cards a day, and the offer the learner accepts', async () => {
    const w = await mountPlan('2026-12-06')
    expect(w.find('[data-test="days-left"]').text()).toBe('Dans 10 jours')
    expect(w.text()).toMatch(/dimanche 6 décembre/)
    expect(w.find('[data-test="not-learned"]').text()).toBe('30 cartes pas encore apprises.')
    // 30 cards over the 8 days from today to Thursday 3 December: 4 a day.
    expect(w.find('[data-test="per-day"]').text()).toBe('Pour les avoir toutes vues 3 jours avant, d’ici le jeudi 3 décembre\u202f: 4 nouvelles cartes par jour.')
    expect(w.find('[data-test="raise-offer"]').text()).toMatch(/Votre limite est de 2 nouvelles cartes par jour\. La passer à 4\u202f\?/)
    expect(w.find('[data-test="final-review-offer"]').exists()).toBe(false)

    await w.find('[data-test="raise-accept"]').trigger('click')
    expect((await loadSettings(getDb())).newPerDay).toBe(4)
    await flushPromises()
    expect(w.find('[data-test="raise-offer"]').exists()).toBe(false)
    expect(w.find('[data-test="limit-ok"]').text()).toBe('Votre limite de 4 nouvelles cartes par jour y suffit.')
    expect(w.find('[role="status"]').text()).toBe('Limite passée à 4 nouvelles cartes par jour.')
  })

  it('declined, the offer stays away, and comes back only when the plan needs more', async () => {
    const w = await mountPlan('2026-12-06')
    await w.find('[data-test="raise-decline"]').trigger('click')
    // Reading the database waits for the write the click started.
    expect((await loadInterviewPrefs(getDb())).declinedPerDay).toBe(4)
    expect((await loadSettings(getDb())).newPerDay).toBe(2)
    await flushPromises()
    expect(w.find('[data-test="raise-offer"]').exists()).toBe(false)
    expect(w.find('[role="status"]').text()).toBe('Limite inchangée.')
    // Nothing said "enough": the limit is still too low, the learner chose to keep it.
    expect(w.find('[data-test="limit-ok"]').exists()).toBe(false)
    // Opened again the same day: no offer.
    const again = mount(InterviewPlan, { props: { place: 'home' }, global: { plugins: [testI18n()], stubs: { RouterLink: RouterLinkStub } } })
    await flushPromises()
    expect(again.find('[data-test="raise-offer"]').exists()).toBe(false)
    // Three days later, with nothing studied, 30 cards over 5 days need 6 a day: the offer comes back.
    clock.now = () => NOW + 3 * 86_400_000
    await useInterviewStore().refreshPlan()
    await flushPromises()
    expect(again.find('[data-test="raise-offer"]').text()).toMatch(/La passer à 6\u202f\?/)
    clock.now = () => NOW
  })

  it('in the last days, offers the final review (nothing to shore up when nothing was studied)', async () => {
    const w = await mountPlan('2026-11-28')
    expect(w.find('[data-test="days-left"]').text()).toBe('Dans 2 jours')
    expect(w.find('[data-test="per-day"]').text()).toMatch(/Trop tard pour tout voir 3 jours avant\u202f: pour tout voir d’ici la veille, le vendredi 27 novembre, il faut 15 nouvelles cartes par jour\./)
    expect(w.find('[data-test="final-review-offer"]').text()).toMatch(/^Aucune carte étudiée ne devrait passer sous 90\s%/)
    expect(w.find('[data-test="final-review"]').exists()).toBe(false)
  })

  it('on the day and after it', async () => {
    const today = await mountPlan('2026-11-26')
    expect(today.find('[data-test="days-left"]').text()).toBe('C’est aujourd’hui, bonne chance\u202f!')
    expect(today.find('[data-test="per-day"]').exists()).toBe(false)
    expect(today.find('[data-test="final-review-offer"]').exists()).toBe(true)
    const past = await mountPlan('2026-11-20')
    expect(past.attributes('data-phase')).toBe('past')
    expect(past.text()).toMatch(/La date de votre entretien \(vendredi 20 novembre\) est passée/)
    expect(past.find('[data-test="raise-offer"]').exists()).toBe(false)
  })
})
