// @vitest-environment happy-dom
// The switch that says whether this device syncs: the app bar follows it as soon as it changes, in
// this tab (a space created or joined) or in another (the storage event).
import { afterEach, describe, expect, it } from 'vitest'
import { onSyncSwitched, setSyncOn, syncIsOn } from '../../src/sync/sync-switch'

afterEach(() => {
  setSyncOn(false)
  localStorage.clear()
})

describe('sync switch', () => {
  it('tells its listeners when this tab turns sync on or off, until they unsubscribe', () => {
    const seen: boolean[] = []
    const stop = onSyncSwitched((on) => seen.push(on))
    setSyncOn(true)
    expect(syncIsOn()).toBe(true)
    expect(localStorage.getItem('pm-cards:sync')).toBe('1')
    setSyncOn(false)
    stop()
    setSyncOn(true)
    expect(seen).toEqual([true, false])
  })

  it('tells them when another tab changes it (the storage event), and not for other keys', () => {
    const seen: boolean[] = []
    const stop = onSyncSwitched((on) => seen.push(on))
    localStorage.setItem('pm-cards:sync', '1')
    window.dispatchEvent(new StorageEvent('storage', { key: 'pm-cards:sync', newValue: '1' }))
    window.dispatchEvent(new StorageEvent('storage', { key: 'something-else', newValue: '1' }))
    expect(seen).toEqual([true])
    expect(syncIsOn()).toBe(true)
    stop()
  })
})
