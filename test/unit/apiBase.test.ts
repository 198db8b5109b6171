import { resolveApiBase } from '../../config/apiBase'

describe('TARO_APP_API_BASE', () => {
  it('defaults to same-origin /api on H5 and loopback on mini-programs', () => {
    expect(resolveApiBase(undefined, 'h5')).toBe('/api')
    expect(resolveApiBase('', 'alipay')).toBe('http://127.0.0.1:8787/api')
  })
  it('accepts https gateways and trims the trailing slash', () => {
    expect(resolveApiBase('https://gateway.example.com/ecard/api/', 'alipay')).toBe('https://gateway.example.com/ecard/api')
  })
  it('accepts http only on loopback', () => {
    expect(resolveApiBase('http://localhost:9000/api', 'h5')).toBe('http://localhost:9000/api')
    expect(() => resolveApiBase('http://gateway.example.com/api', 'alipay')).toThrow(/https/)
  })
  it('refuses relative paths on mini-programs, non-URLs, and queries', () => {
    expect(() => resolveApiBase('/api', 'alipay')).toThrow(/absolute/)
    expect(() => resolveApiBase('not a url', 'h5')).toThrow(/not a URL/)
    expect(() => resolveApiBase('https://g.example.com/api?x=1', 'h5')).toThrow(/query/)
  })
})
