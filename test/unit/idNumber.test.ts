import { checkIdNumber, idCheckChar, ageOn } from '../../src/domain/idNumber'

describe('GB 11643 identity numbers', () => {
  it('computes the check character from the first 17 digits', () => {
    // 11010519491231002 -> X is the standard's own worked example
    expect(idCheckChar('11010519491231002')).toBe('X')
  })
  it('accepts a well-formed number and refuses a wrong check character', () => {
    expect(checkIdNumber('11010519491231002X')).toEqual({ valid: true })
    expect(checkIdNumber('110105194912310021')).toEqual({ valid: false, problem: 'CHECK_DIGIT' })
  })
  it('refuses impossible or future birth dates', () => {
    const body = '110105' + '19990230' + '123'
    expect(checkIdNumber(body + idCheckChar(body)).problem).toBe('BIRTH_DATE')
    const future = '110105' + '20991231' + '123'
    expect(checkIdNumber(future + idCheckChar(future), new Date('2026-11-25T00:00:00Z')).problem).toBe('BIRTH_DATE')
  })
  it('refuses wrong formats', () => {
    expect(checkIdNumber('12345').problem).toBe('FORMAT')
    expect(checkIdNumber('01010519491231002X').problem).toBe('FORMAT')
  })
  it('computes age in whole years', () => {
    expect(ageOn('11010520081126002X', new Date('2026-11-25T00:00:00Z'))).toBe(17)
    expect(ageOn('11010520081125002X', new Date('2026-11-25T00:00:00Z'))).toBe(18)
  })
})
