/**
 * Factories for jest.mock() of src/services/*, so component tests never reach axios, SM2 or the
 * host. Use inside a factory:  jest.mock('../../src/services/api', () => jest.requireActual('../mocks/services').apiMock())
 */
import type { AgreementT, CardRevealT, CardT, ClaimStateT, ClaimT, PersonT, QrTokenT } from '../../src/services/api/types'

/** Same shape as the real ApiError (code, status, reason, details): what the pages read. */
export class ApiError extends Error {
  readonly remainingAttempts?: number
  readonly lockedUntil?: string

  constructor(
    public readonly code: string,
    public readonly status: number,
    message?: string,
    public readonly reason?: string,
    details?: { remainingAttempts?: number; lockedUntil?: string },
  ) {
    super(message ?? code)
    this.name = 'ApiError'
    if (details?.remainingAttempts !== undefined) this.remainingAttempts = details.remainingAttempts
    if (details?.lockedUntil !== undefined) this.lockedUntil = details.lockedUntil
  }
}

export function apiMock() {
  const getCurrentCard = jest.fn()
  const issueQrToken = jest.fn()
  return {
    ApiError,
    API_BASE: '/api',
    setAuthHooks: jest.fn(),
    exchangeAuthCode: jest.fn(),
    refreshAccessToken: jest.fn(),
    getAgreement: jest.fn(),
    getPublicKey: jest.fn(),
    prefetchPublicKey: jest.fn(async () => ({ keyId: 'key-test', publicKey: '04' })),
    getPerson: jest.fn(),
    getClaim: jest.fn(),
    consentToAgreement: jest.fn(),
    startCertification: jest.fn(),
    queryCertification: jest.fn(),
    setCardPassword: jest.fn(),
    issueCard: jest.fn(),
    getCurrentCard,
    // the issued card (src/services/api/card.ts)
    revealCard: jest.fn(),
    issueQrToken,
    changeCardPassword: jest.fn(),
    startPasswordResetCertification: jest.fn(),
    resetCardPassword: jest.fn(),
    startUnbindCertification: jest.fn(),
    unbindCard: jest.fn(),
    // the card page's first card and token (fastPath.ts): as on Alipay, the plain calls above
    getCurrentCardFast: jest.fn(() => getCurrentCard()),
    issueQrTokenFast: jest.fn(() => issueQrToken()),
  }
}

export function apiMockMock() {
  return {
    listPersonas: jest.fn(),
    resetPersona: jest.fn(),
    requestMockAuthCode: jest.fn(),
    completeMockCertification: jest.fn(),
  }
}

export function sessionMock() {
  return { hasSession: jest.fn(() => true), signIn: jest.fn(), signOut: jest.fn() }
}

/** Keys count up from idem-test-1; `mockClear()` on newIdempotencyKey starts them again. */
export function cryptoMock() {
  const newIdempotencyKey: jest.Mock<string, []> = jest.fn(() => `idem-test-${newIdempotencyKey.mock.calls.length}`)
  return { newIdempotencyKey, encryptPassword: jest.fn() }
}

/** The platform adapter with an in-memory storage; PlatformError is the real class. */
export function platformMock() {
  const types = jest.requireActual('../../src/services/platform/types')
  const data = new Map<string, unknown>()
  const storage = {
    data,
    get: jest.fn((key: string) => data.get(key)),
    set: jest.fn((key: string, value: unknown) => {
      data.set(key, value)
    }),
    remove: jest.fn((key: string) => {
      data.delete(key)
    }),
  }
  return {
    ...types,
    platform: {
      kind: 'h5',
      getAuthCode: jest.fn(),
      verifyFace: jest.fn(),
      systemLocale: jest.fn(() => 'zh-CN'),
      principal: jest.fn(() => 'h5:test-persona'),
      storage,
      watchNetwork: jest.fn(() => () => undefined),
    },
  }
}

// --- fixtures -----------------------------------------------------------------

export function claim(state: ClaimStateT, extra: Partial<ClaimT> = {}): ClaimT {
  return { state, agreementVersion: null, certifyId: null, certifiedAt: null, updatedAt: '2026-11-25T08:00:00.000Z', ...extra }
}

export const person: PersonT = {
  name: '张三',
  idNumberMasked: '110101********1234',
  aab301: '330100',
  regionName: { 'zh-CN': '浙江省杭州市', 'en-US': 'Hangzhou, Zhejiang' },
  hasPhysicalCard: true,
  hasEcard: false,
  cardStatus: 'normal',
  isMinor: false,
}

export const agreement: AgreementT = {
  version: '2026.1',
  texts: {
    'zh-CN': { title: '电子社保卡用户协议', body: '第一条 总则。\n第二条 你的信息如何使用。\n第三条 最后一条条款。' },
    'en-US': { title: 'E-card user agreement', body: 'Article 1 General.\nArticle 2 How your data is used.\nArticle 3 The last clause.' },
  },
}

export const card: CardT = {
  cardNumber: 'A12345678',
  cardNumberMasked: 'A1*****78',
  holderName: '张*',
  idNumberMasked: '110101********1234',
  aab301: '330100',
  regionName: { 'zh-CN': '浙江省杭州市', 'en-US': 'Hangzhou, Zhejiang' },
  signNo: 'SIGN0001',
  signSeq: '1',
  signLevel: 3,
  issueDate: '20261125',
  validUntil: '20361125',
  status: 'active',
}

/** What the reveal endpoint answers for `card`: the full details, for 30 seconds from `now`. */
export function cardReveal(now: number = Date.now()): CardRevealT {
  return { holderName: '张三', idNumber: '110101199003071234', cardNumber: card.cardNumber, revealedUntil: new Date(now + 30_000).toISOString() }
}

/** A QR token as the server gives it: q1.<id>.<mac>, valid 60 seconds from `now`. */
export function qrToken(n: number, now: number = Date.now(), expiresIn = 60): QrTokenT {
  const id = `tok${n}`.padEnd(22, 'x')
  return { token: `q1.${id}.${'m'.repeat(43)}`, expiresAt: new Date(now + expiresIn * 1000).toISOString(), expiresIn }
}
