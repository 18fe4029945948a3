import { describe, expect, it } from 'vitest'
import { becomesLeech, isLeech, withLeechTag } from '../../src/domain/leech'
import { normalizeSettings } from '../../src/domain/settings'

describe('leech rule', () => {
  it('a lapse that reaches the threshold makes a leech, then every half threshold after', () => {
    expect(becomesLeech(6, 7, 8)).toBe(false)
    expect(becomesLeech(7, 8, 8)).toBe(true)
    expect(becomesLeech(8, 9, 8)).toBe(false)
    expect(becomesLeech(11, 12, 8)).toBe(true)
    expect(becomesLeech(15, 16, 8)).toBe(true)
    expect(becomesLeech(4, 5, 5)).toBe(true)
    expect(becomesLeech(6, 7, 5)).toBe(false)
    expect(becomesLeech(7, 8, 5)).toBe(true)
    expect(becomesLeech(0, 1, 1)).toBe(true)
    expect(becomesLeech(1, 2, 1)).toBe(true)
  })

  it('only a new lapse counts: an answer that keeps the lapses does nothing', () => {
    expect(becomesLeech(8, 8, 8)).toBe(false)
  })

  it('tags once', () => {
    expect(withLeechTag(['a'])).toEqual(['a', 'leech'])
    expect(withLeechTag(['leech'])).toEqual(['leech'])
    expect(isLeech(['x', 'leech'])).toBe(true)
  })

  it('settings: 8 lapses and suspend by default, bounded, damaged values fall back', () => {
    expect(normalizeSettings({})).toMatchObject({ leechThreshold: 8, leechAction: 'suspend' })
    expect(normalizeSettings({ leechThreshold: 0, leechAction: 'delete' })).toMatchObject({ leechThreshold: 1, leechAction: 'suspend' })
    expect(normalizeSettings({ leechThreshold: 150.2, leechAction: 'tag' })).toMatchObject({ leechThreshold: 99, leechAction: 'tag' })
  })
})
