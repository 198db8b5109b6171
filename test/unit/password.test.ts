import { weakPasswordReason, confirmPasswordReason, refuseNewPasswordEntry } from '../../src/domain/password'

// Synthetic identity (valid check digit), born 1990-03-07, ends in 071236.
const ID = '330106199003071236'

describe('weak password rules', () => {
  it.each([
    ['12345', 'FORMAT'],
    ['1234567', 'FORMAT'],
    ['12a456', 'FORMAT'],
    ['000000', 'ALL_SAME'],
    ['999999', 'ALL_SAME'],
    ['123456', 'SEQUENTIAL'],
    ['456789', 'SEQUENTIAL'],
    ['987654', 'SEQUENTIAL'],
    ['210987', null], // 1->0->9 is not a run
  ])('%s -> %s', (pw, reason) => {
    expect(weakPasswordReason(pw)).toBe(reason)
  })

  it('refuses the holder birth date in its usual six-digit forms', () => {
    expect(weakPasswordReason('900307', { idNumber: ID })).toBe('BIRTH_DATE')
    expect(weakPasswordReason('030790', { idNumber: ID })).toBe('BIRTH_DATE')
    expect(weakPasswordReason('070390', { idNumber: ID })).toBe('BIRTH_DATE')
    expect(weakPasswordReason('199003', { idNumber: ID })).toBe('BIRTH_DATE')
    expect(weakPasswordReason('900307', { birthDate: '19900307' })).toBe('BIRTH_DATE')
  })

  it('refuses the last six characters of the ID number', () => {
    expect(weakPasswordReason('071236', { idNumber: ID })).toBe('ID_SUFFIX')
  })

  it('accepts an ordinary password, with and without context', () => {
    expect(weakPasswordReason('582931')).toBeNull()
    expect(weakPasswordReason('582931', { idNumber: ID })).toBeNull()
  })

  it('compares the confirmation entry', () => {
    expect(confirmPasswordReason('582931', '582931')).toBeNull()
    expect(confirmPasswordReason('582931', '582932')).toBe('MISMATCH')
  })
})

describe('a new password typed twice', () => {
  it('refuses a weak first entry with its rule, and accepts a good one', () => {
    expect(refuseNewPasswordEntry('first', '111111')).toEqual({ code: 'WEAK_PASSWORD', reason: 'ALL_SAME' })
    expect(refuseNewPasswordEntry('first', '582931')).toBeNull()
  })
  it('refuses a second entry that differs from the first', () => {
    expect(refuseNewPasswordEntry('second', '582932', '582931')).toEqual({ code: 'MISMATCH' })
    expect(refuseNewPasswordEntry('second', '582931', '582931')).toBeNull()
  })
})
