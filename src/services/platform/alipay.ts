import type { FaceHandoffResult, FaceSession, Platform } from './types'
import { PlatformError } from './types'
import { taroStorage } from './storage'
import { toLocale } from './locale'

/** The subset of Alipay's `my` we call; injectable so tests can hand in a fake. */
export interface AlipayMy {
  getAuthCode(opts: { scopes: string | string[]; success: (res: { authCode: string }) => void; fail: (err: { error?: number; errorMessage?: string }) => void }): void
  call(api: string, param: Record<string, unknown>, callback: (res: { resultStatus?: string; result?: unknown; error?: number; errorMessage?: string }) => void): void
  getSystemInfoSync(): { language?: string }
}

// my.getAuthCode: 11 = the user refused authorization.
const AUTH_USER_CANCELLED = 11

export function createAlipayPlatform(my: AlipayMy): Platform {
  return {
    kind: 'alipay',
    getAuthCode() {
      return new Promise<string>((resolve, reject) => {
        my.getAuthCode({
          scopes: 'auth_user',
          success: (res) => (res.authCode ? resolve(res.authCode) : reject(new PlatformError('AUTH_FAILED'))),
          fail: (err) => reject(new PlatformError(err.error === AUTH_USER_CANCELLED ? 'AUTH_CANCELLED' : 'AUTH_FAILED', err.errorMessage)),
        })
      })
    },
    verifyFace(session: FaceSession) {
      return new Promise<FaceHandoffResult>((resolve, reject) => {
        my.call(
          'startBizService',
          { name: 'open-certify', param: JSON.stringify({ certifyId: session.certifyId, url: session.certifyUrl }) },
          (res) => {
            // resultStatus 9000 = finished (pass or fail is the server's to say), 6001 = user quit.
            if (res.resultStatus === '9000') resolve('completed')
            else if (res.resultStatus === '6001') resolve('cancelled')
            else reject(new PlatformError('FACE_UNAVAILABLE', res.errorMessage ?? res.resultStatus))
          },
        )
      })
    },
    systemLocale() {
      try {
        return toLocale(my.getSystemInfoSync().language)
      } catch {
        return 'zh-CN'
      }
    },
    principal() {
      return 'alipay-user'
    },
    storage: taroStorage,
  }
}
