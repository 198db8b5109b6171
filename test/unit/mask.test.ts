import { maskIdNumber, maskName, maskCardNumber, redactIdNumbers } from '../../src/domain/mask'

describe('masking', () => {
  it('keeps the region and the last four of an ID number', () => {
    expect(maskIdNumber('330106199003071236')).toBe('330106********1236')
  })
  it('masks names of one, two and three or more characters', () => {
    expect(maskName('李')).toBe('李')
    expect(maskName('王芳')).toBe('王*')
    expect(maskName('张明远')).toBe('张*远')
    expect(maskName('欧阳明远')).toBe('欧**远')
  })
  it('masks card numbers', () => {
    expect(maskCardNumber('A12345678')).toBe('A1*****78')
  })
  it('redacts every full ID number in free text and leaves other digits', () => {
    const line = 'person 330106199003071236 and 11010519491231002x at 20261125 order 1234567890'
    const out = redactIdNumbers(line)
    expect(out).not.toContain('330106199003071236')
    expect(out).not.toMatch(/11010519491231002x/i)
    expect(out).toContain('330106********1236')
    expect(out).toContain('20261125')
    expect(out).toContain('1234567890')
  })
})
