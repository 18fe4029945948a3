// Anki's keys for the actions on the card on screen.
import { describe, expect, it } from 'vitest'
import { cardKeyAction } from '../../src/composables/useStudyKeys'

const key = (key: string, more: Partial<KeyboardEvent> = {}) => cardKeyAction({ key, code: '', ctrlKey: false, altKey: false, metaKey: false, ...more })

describe('card action keys', () => {
  it('maps Anki\'s keys', () => {
    expect(key('@')).toEqual({ kind: 'suspend' })
    expect(key('-')).toEqual({ kind: 'bury' })
    expect(key('e')).toEqual({ kind: 'edit' })
    expect(key('I')).toEqual({ kind: 'info' })
    expect(key('n', { code: 'KeyN', ctrlKey: true, altKey: true })).toEqual({ kind: 'forget' })
    expect(key('4', { code: 'Digit4', ctrlKey: true })).toEqual({ kind: 'flag', color: 4 })
    // AZERTY: Ctrl and the key in the digits' row give '&' but the code is Digit1.
    expect(key('&', { code: 'Digit1', ctrlKey: true })).toEqual({ kind: 'flag', color: 1 })
  })

  it('leaves the study keys and other shortcuts alone', () => {
    for (const k of [' ', 'Enter', '1', '3', 'u', 'z']) expect(key(k)).toBeNull()
    expect(key('z', { code: 'KeyZ', ctrlKey: true })).toBeNull()
    expect(key('8', { code: 'Digit8', ctrlKey: true })).toBeNull()
    expect(key('e', { metaKey: true })).toBeNull()
    expect(key('e', { altKey: true })).toBeNull()
  })
})
