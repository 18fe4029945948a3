import { describe, expect, it } from 'vitest'
import { proposeChoiceGrade, proposeInterviewGrade, shuffledOrder } from '../../src/domain/content/grading'

describe('proposed grades', () => {
  it('proposes Good for a right choice and Again for a wrong one or none', () => {
    expect(proposeChoiceGrade(true)).toBe(3)
    expect(proposeChoiceGrade(false)).toBe(1)
    expect(proposeChoiceGrade(null)).toBe(1)
  })

  it('proposes an interview grade from the share of key points covered', () => {
    expect([0, 1, 2, 3, 4, 5].map((c) => proposeInterviewGrade(c, 5))).toEqual([1, 1, 2, 2, 3, 4])
    expect([0, 1, 2, 3].map((c) => proposeInterviewGrade(c, 3))).toEqual([1, 1, 2, 4])
    expect(proposeInterviewGrade(7, 3)).toBe(4)
    expect(proposeInterviewGrade(0, 0)).toBe(3)
  })
})

describe('shuffled order', () => {
  it('is a permutation, fixed for a seed', () => {
    const a = shuffledOrder(5, 'card-1:0')
    expect([...a].sort()).toEqual([0, 1, 2, 3, 4])
    expect(shuffledOrder(5, 'card-1:0')).toEqual(a)
  })

  it('differs across seeds and puts the first option everywhere', () => {
    const firstPositions = new Set<number>()
    const orders = new Set<string>()
    for (let i = 0; i < 200; i++) {
      const o = shuffledOrder(4, `card-${i}:0`)
      orders.add(o.join())
      firstPositions.add(o.indexOf(0))
    }
    expect(orders.size).toBeGreaterThan(12)
    expect(firstPositions).toEqual(new Set([0, 1, 2, 3]))
  })
})
