/**
 * logout() on the wire: POST /oauth/logout with the bearer token and the empty body the server
 * accepts on an operation without one; the server's refusal arrives as an ApiError with its code.
 * (The server side, and that the request as sent here is accepted: test/server/tokens.test.ts.)
 */
type RequestOpts = {
  url: string
  method: string
  data?: string
  header: Record<string, string>
  success: (r: unknown) => void
  fail: (e: unknown) => void
}
const mockRequest = jest.fn<void, [RequestOpts]>()
jest.mock('@tarojs/taro', () => ({ __esModule: true, default: { request: (o: RequestOpts) => mockRequest(o) } }))

import { setAuthHooks } from '../../src/services/api/client'
import { logout } from '../../src/services/api'

const answer = (data: unknown, statusCode: number) => (o: RequestOpts) => o.success({ statusCode, data: JSON.stringify(data), header: {} })

beforeEach(() => {
  mockRequest.mockReset()
  setAuthHooks({ accessToken: () => 'tok-logout', refresh: async () => false })
})

it('sends POST /api/oauth/logout with the bearer token and an empty JSON object', async () => {
  mockRequest.mockImplementationOnce(answer({ ok: true }, 200))
  await expect(logout()).resolves.toEqual({ ok: true })
  const sent = mockRequest.mock.calls[0][0]
  expect({ method: sent.method, url: sent.url, auth: sent.header.Authorization, body: JSON.parse(sent.data ?? 'null') }).toEqual({
    method: 'POST',
    url: '/api/oauth/logout',
    auth: 'Bearer tok-logout',
    body: {},
  })
})

it('a token the server no longer knows → ApiError TOKEN_INVALID, sent once', async () => {
  mockRequest.mockImplementation(answer({ code: 'TOKEN_INVALID', message: 'The access token is not valid.' }, 401))
  await expect(logout()).rejects.toMatchObject({ code: 'TOKEN_INVALID', status: 401 })
  expect(mockRequest).toHaveBeenCalledTimes(1)
})
