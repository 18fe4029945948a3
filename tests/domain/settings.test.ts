import { describe, expect, it } from 'vitest'
import { DEFAULT_SETTINGS, normalizeSettings, parseSteps } from '../../src/domain/settings'

describe('settings', () => {
  it('falls back to the defaults for missing or damaged values, field by field', () => {
    expect(normalizeSettings(undefined)).toEqual(DEFAULT_SETTINGS)
    expect(normalizeSettings('garbage')).toEqual(DEFAULT_SETTINGS)
    const s = normalizeSettings({ newPerDay: 5, desiredRetention: 'high', learningSteps: ['1m', 'soon'], theme: 'pink' })
    expect(s.newPerDay).toBe(5)
    expect(s.desiredRetention).toBe(0.9)
    expect(s.learningSteps).toEqual(['1m', '10m'])
    expect(s.theme).toBe('system')
  })

  it('clamps numbers to their allowed ranges', () => {
    const s = normalizeSettings({ desiredRetention: 0.5, maximumIntervalDays: 99999, rolloverHour: 30, newPerDay: -3, reviewsPerDay: 12.6 })
    expect(s).toMatchObject({ desiredRetention: 0.7, maximumIntervalDays: 36500, rolloverHour: 23, newPerDay: 0, reviewsPerDay: 13 })
    expect(normalizeSettings({ desiredRetention: 0.995 }).desiredRetention).toBe(0.99)
  })

  it('parses learning steps typed by the learner', () => {
    expect(parseSteps('1m 10m')).toEqual(['1m', '10m'])
    expect(parseSteps('30m, 2h,1d')).toEqual(['30m', '2h', '1d'])
    expect(parseSteps('')).toEqual([])
    expect(parseSteps('10 minutes')).toBeNull()
    expect(parseSteps('0m')).toBeNull()
  })
})
