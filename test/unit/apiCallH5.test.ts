/**
 * src/services/api/call.h5.ts: on H5 the endpoints reach the API client (axios, its adapter,
 * Taro.request) through a dynamic import, so it loads on the first call and not with the page.
 */
const mockLoaded = jest.fn()
const mockClientCall = jest.fn(async (..._args: unknown[]) => ({ ok: true }))
jest.mock('../../src/services/api/client', () => {
  mockLoaded()
  return { call: mockClientCall }
})

import { call, loadClient } from '../../src/services/api/call.h5'

describe('the H5 way to the API client', () => {
  it('loads the client on the first call only, then hands every call over as it is', async () => {
    expect(mockLoaded).not.toHaveBeenCalled()
    await expect(call('POST', '/cards/current/qr', {}, { authed: true })).resolves.toEqual({ ok: true })
    expect(mockLoaded).toHaveBeenCalledTimes(1)
    expect(mockClientCall).toHaveBeenCalledWith('POST', '/cards/current/qr', {}, { authed: true })
    await call('GET', '/claim')
    await loadClient()
    expect(mockLoaded).toHaveBeenCalledTimes(1)
    expect(mockClientCall).toHaveBeenLastCalledWith('GET', '/claim', undefined, undefined)
  })
})
