/**
 * What the host app does for us. One interface; an Alipay implementation (my.*) and an H5 one
 * (the mock server stands in for the platform). A third platform implements this file's interface.
 */
export type Locale = 'zh-CN' | 'en-US'

export type PlatformErrorCode = 'AUTH_CANCELLED' | 'AUTH_FAILED' | 'FACE_UNAVAILABLE'

export class PlatformError extends Error {
  constructor(public readonly code: PlatformErrorCode, message?: string) {
    super(message ?? code)
    this.name = 'PlatformError'
  }
}

export interface FaceSession {
  certifyId: string
  certifyUrl: string
  /** What the verification is for; the claim's when omitted. The H5 stand-in page reads it (Alipay's face screen needs nothing). */
  purpose?: 'claim' | 'reset' | 'unbind'
}

/** `completed` means the platform's face screen closed normally; the server still decides pass or fail. */
export type FaceHandoffResult = 'completed' | 'cancelled'

export interface KeyValueStorage {
  get<T>(key: string): T | undefined
  set<T>(key: string, value: T): void
  remove(key: string): void
}

export interface Platform {
  readonly kind: 'alipay' | 'h5'
  /** A one-time authorization code for the signed-in user (`my.getAuthCode({ scopes: 'auth_user' })`). */
  getAuthCode(): Promise<string>
  /** Hands off to the platform's face verification and resolves when it returns. */
  verifyFace(session: FaceSession): Promise<FaceHandoffResult>
  /** The system language, mapped onto the two we speak. */
  systemLocale(): Locale
  /** Who the session belongs to, so a different user on the same device never reuses tokens. */
  principal(): string
  storage: KeyValueStorage
  /**
   * Whether the device is online: calls back with the current state as soon as it is known, then on
   * every change; returns the way to stop (services/network/status.ts is the one listener).
   */
  watchNetwork(listener: (online: boolean) => void): () => void
}
