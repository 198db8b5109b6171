/** isoOf keeps the last second's text: it must still read exactly as Date#toISOString. */
import fc from 'fast-check'
import { isoOf } from '../../mock-server/time'

const MAX = 8.64e15 // the Date range

describe('isoOf', () => {
  it('reads as toISOString for any time, whatever came before it', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.integer({ min: -MAX, max: MAX }), fc.double({ min: -MAX, max: MAX, noNaN: true })), { minLength: 1, maxLength: 20 }), (times) => {
        for (const t of times) expect(isoOf(t)).toBe(new Date(t).toISOString())
      }),
      { numRuns: 500 },
    )
  })

  it('within one second and across its edges, before and after 1970, with years of six digits', () => {
    const base = Date.UTC(2026, 10, 26, 9, 2, 54)
    const times = [base, base + 1, base + 9, base + 10, base + 99, base + 100, base + 999, base + 1000, base - 1, 0, -1, -999, -1000, -1001, 1.5, -1.5, 253402300800000, -62198755200001]
    for (const t of times) expect(isoOf(t)).toBe(new Date(t).toISOString())
    expect(() => isoOf(NaN)).toThrow(RangeError)
  })
})
