import Taro from '@tarojs/taro'
import type { FaceHandoffResult, FaceSession, Platform } from './types'
import { PlatformError } from './types'
import { taroStorage } from './storage'
import { toLocale } from './locale'
import { routes } from '../../flow/routes'

/** The persona the H5 simulator signs in as: `?persona=<id>` in the URL, remembered across reloads. */
export const DEFAULT_PERSONA = 'eligible-zhang'
const PERSONA_KEY = 'qa.persona'

/** Fired by the face stand-in page when the person finishes or leaves it. */
export const FACE_HANDOFF_EVENT = 'platform:face-handoff'

export function currentPersona(search: string = typeof window !== 'undefined' ? window.location.search : ''): string {
  const fromUrl = new URLSearchParams(search).get('persona')
  if (fromUrl && /^[a-z0-9-]{1,64}$/.test(fromUrl)) {
    taroStorage.set(PERSONA_KEY, fromUrl)
    return fromUrl
  }
  return taroStorage.get<string>(PERSONA_KEY) ?? DEFAULT_PERSONA
}

export function createH5Platform(): Platform {
  return {
    kind: 'h5',
    async getAuthCode() {
      try {
        // Loaded on demand: the first screens (which only need the locale) stay free of the API client.
        const { requestMockAuthCode } = await import('../api/mock')
        const { authCode } = await requestMockAuthCode(currentPersona())
        return authCode
      } catch (e) {
        throw new PlatformError('AUTH_FAILED', (e as Error).message)
      }
    },
    verifyFace(session: FaceSession) {
      return new Promise<FaceHandoffResult>((resolve, reject) => {
        const onDone = (result: FaceHandoffResult) => resolve(result)
        Taro.eventCenter.once(FACE_HANDOFF_EVENT, onDone)
        // A verification for the issued card (reset, unbind) says so, so the stand-in page returns there, not to the claim.
        const purpose = session.purpose && session.purpose !== 'claim' ? `&purpose=${session.purpose}` : ''
        Taro.navigateTo({ url: `${routes.face}?certifyId=${encodeURIComponent(session.certifyId)}${purpose}` }).catch((err: unknown) => {
          Taro.eventCenter.off(FACE_HANDOFF_EVENT, onDone)
          reject(new PlatformError('FACE_UNAVAILABLE', String(err)))
        })
      })
    },
    systemLocale() {
      return toLocale(typeof navigator !== 'undefined' ? navigator.language : undefined)
    },
    principal() {
      return `h5:${currentPersona()}`
    },
    storage: taroStorage,
    watchNetwork(listener) {
      if (typeof window === 'undefined' || typeof navigator === 'undefined') return () => undefined
      const online = () => listener(true)
      const offline = () => listener(false)
      window.addEventListener('online', online)
      window.addEventListener('offline', offline)
      listener(navigator.onLine !== false)
      return () => {
        window.removeEventListener('online', online)
        window.removeEventListener('offline', offline)
      }
    },
  }
}
