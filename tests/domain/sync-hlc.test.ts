import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { compareStamps, decodeHlc, encodeHlc, receive, tick, type Hlc } from '../../src/domain/sync/hlc'

const clock = fc.record({ wallMs: fc.integer({ min: 0, max: 4e12 }), counter: fc.integer({ min: 0, max: 1000 }), node: fc.stringMatching(/^[a-z0-9]{1,8}$/) })
const cmp = (a: Hlc, b: Hlc) => a.wallMs - b.wallMs || a.counter - b.counter || (a.node < b.node ? -1 : a.node > b.node ? 1 : 0)

describe('hybrid logical clock', () => {
  it('orders encoded stamps as clocks, and decodes them back', () => {
    fc.assert(
      fc.property(clock, clock, (a, b) => {
        expect(Math.sign(compareStamps(encodeHlc(a), encodeHlc(b)))).toBe(Math.sign(cmp(a, b)))
        expect(decodeHlc(encodeHlc(a))).toEqual(a)
      }),
    )
  })

  it('never goes backwards on a device, even when its wall clock does', () => {
    fc.assert(
      fc.property(clock, fc.array(fc.integer({ min: 0, max: 4e12 }), { maxLength: 30 }), (start, times) => {
        let c = start
        for (const now of times) {
          const next = tick(c, now)
          expect(cmp(next, c)).toBeGreaterThan(0)
          c = next
        }
      }),
    )
  })

  it('stamps the next local event after any remote stamp it has seen, whatever the skew', () => {
    fc.assert(
      fc.property(clock, clock, fc.integer({ min: 0, max: 4e12 }), (local, remote, now) => {
        const seen = receive(local, remote, now)
        const next = tick(seen, now)
        expect(cmp(next, { ...remote, node: next.node })).toBeGreaterThan(0)
        expect(cmp(next, local)).toBeGreaterThan(0)
      }),
    )
  })

  it('breaks a tie by the device id, the same way on every device', () => {
    const a = encodeHlc({ wallMs: 5, counter: 0, node: 'aaa' })
    const b = encodeHlc({ wallMs: 5, counter: 0, node: 'bbb' })
    expect(compareStamps(a, b)).toBeLessThan(0)
    expect(compareStamps(b, a)).toBeGreaterThan(0)
  })

  it('refuses a malformed stamp', () => {
    for (const bad of ['', 'x', '0000000000a.00000', '0000000000a.00000.no spaces', '0000000000A.00000.n']) expect(decodeHlc(bad)).toBeUndefined()
  })
})
