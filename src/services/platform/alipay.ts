import type { FaceHandoffResult, FaceSession, Platform } from './types'
import { PlatformError } from './types'
import { taroStorage } from './storage'
import { toLocale } from './locale'

/** The subset of Alipay's `my` we call; injectable so tests can hand in a fake. */
export interface AlipayMy {
  getAuthCode(opts: { scopes: string | string[]; success: (res: { authCode: string }) => void; fail: (err: { error?: number; errorMessage?: string }) => void }): void
  call(api: string, param: Record<string, unknown>, callback: (res: { resultStatus?: string; result?: unknown; error?: number; errorMessage?: string }) => void): void
  getSystemInfoSync(): { language?: string }
  /** networkAvailable false (networkType NOTREACHABLE) when offline. Optional: older base libraries and test runtimes lack it. */
  getNetworkType?(opts: { success: (res: { networkAvailable?: boolean; networkType?: string }) => void; fail?: (err: unknown) => void }): void
  onNetworkStatusChange?(callback: (res: { isConnected?: boolean; networkType?: string }) => void): void
  offNetworkStatusChange?(callback: (res: { isConnected?: boolean; networkType?: string }) => void): void
}

/** Alipay reports "no network" as networkAvailable/isConnected false, or networkType NOTREACHABLE / none. */
function reachable(available: boolean | undefined, type: string | undefined): boolean {
  if (available === false) return false
  const t = (type ?? '').toUpperCase()
  return t !== 'NOTREACHABLE' && t !== 'NONE'
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
    watchNetwork(listener) {
      let stopped = false
      // A change heard before the first reading answers is newer: the reading is then ignored.
      let heard = false
      const onChange = (res: { isConnected?: boolean; networkType?: string }) => {
        heard = true
        if (!stopped) listener(reachable(res.isConnected, res.networkType))
      }
      if (typeof my.onNetworkStatusChange === 'function') my.onNetworkStatusChange(onChange)
      if (typeof my.getNetworkType === 'function') {
        my.getNetworkType({
          success: (res) => {
            if (!stopped && !heard) listener(reachable(res.networkAvailable, res.networkType))
          },
          // Unknown is treated as online: a real failure still shows as the call's own error.
          fail: () => undefined,
        })
      }
      return () => {
        stopped = true
        if (typeof my.offNetworkStatusChange === 'function') my.offNetworkStatusChange(onChange)
      }
    },
  }
}
