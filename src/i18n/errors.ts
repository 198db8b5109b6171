/**
 * The one place that turns an error code into words. Every code the app can meet has a sentence in
 * both languages, and the types make a missing one a compile error: server codes
 * (mock-server/schemas/errors.ts), client transport codes, platform codes, weak-password reasons
 * and face-verification fail reasons.
 */
import type { ClientErrorCode } from '../services/api/apiError'
import type { Locale, PlatformErrorCode } from '../services/platform/types'
import type { WeakPasswordReason } from '../domain/password'

/** Why a face verification did not pass (`failReason` of GET /certifications/:id). */
export type CertifyFailReason = 'FACE_MISMATCH' | 'USER_CANCELLED' | 'NOT_COMPLETED' | 'EXPIRED' | 'SUPERSEDED' | 'WRONG_PURPOSE'

export type AppErrorCode = ClientErrorCode | PlatformErrorCode | WeakPasswordReason | CertifyFailReason | 'UNKNOWN'

type ErrorCatalog = Record<AppErrorCode, string>

const zhCN: ErrorCatalog = {
  // server: request shape
  VALIDATION_FAILED: '提交的信息格式不正确，请重试',
  BODY_TOO_LARGE: '提交的内容过大',
  UNSUPPORTED_MEDIA_TYPE: '请求格式不受支持',
  NOT_FOUND: '没有找到请求的内容',
  // server: authorization and session
  AUTH_CODE_INVALID: '授权无效，请重新授权',
  AUTH_CODE_EXPIRED: '授权已过期，请重新授权',
  AUTH_CODE_USED: '授权已被使用，请重新授权',
  REFRESH_TOKEN_INVALID: '登录已失效，请重新授权',
  TOKEN_MISSING: '请先完成支付宝授权',
  TOKEN_INVALID: '登录已失效，请重新授权',
  TOKEN_EXPIRED: '登录已过期，请重新授权',
  PERSONA_NOT_FOUND: '模拟用户不存在，请在模拟器中重新选择',
  // server: the claim
  STEP_OUT_OF_ORDER: '办理步骤有变化，请按当前步骤继续',
  AGREEMENT_OUTDATED: '协议已更新，请重新阅读并同意最新协议',
  NO_PHYSICAL_CARD: '你还没有实体社保卡，暂不能在线领取电子社保卡。请先到社保经办网点线下申领实体卡。',
  CARD_SUSPENDED: '你的社保卡已挂失或暂停使用，暂不能领取电子社保卡。请先到社保经办网点解除挂失或补换卡。',
  MINOR_NEEDS_GUARDIAN: '未成年人需由监护人代为申领电子社保卡，请由监护人办理。',
  ECARD_EXISTS: '你已领取过电子社保卡',
  // server: face verification
  CERTIFY_NOT_FOUND: '没有找到这次人脸认证，请重新开始认证',
  CERTIFY_PENDING: '人脸认证尚未完成',
  CERTIFY_NOT_PASSED: '人脸识别认证未通过',
  CERTIFY_EXPIRED: '人脸认证已超时，请重新认证',
  // server: password and issuance
  PASSWORD_DECRYPT_FAILED: '密码传输出错，请重新设置密码',
  WEAK_PASSWORD: '密码过于简单，请换一个',
  IDEMPOTENCY_KEY_REQUIRED: '请求缺少必要信息，请重试',
  IDEMPOTENCY_KEY_CONFLICT: '领卡请求冲突，请稍后重试',
  CARD_NOT_FOUND: '还没有领取电子社保卡',
  // server: the issued card (QR code, card password, unbinding)
  QR_INVALID: '二维码无效，请刷新后重新出示',
  QR_ALREADY_USED: '二维码已被使用，请刷新后重新出示',
  QR_EXPIRED: '二维码已过期，请刷新后重新出示',
  CARD_UNBOUND: '电子社保卡已解绑，如需使用请重新领取',
  PASSWORD_WRONG: '密码不正确，请重新输入',
  PASSWORD_LOCKED: '密码错误次数过多，已暂时锁定，请稍后再试或通过刷脸重置密码',
  FACE_RATE_LIMITED: '刷脸认证发起次数过多，请稍后再试',
  TOKEN_RATE_LIMITED: '登录请求过于频繁，请稍后再试',
  INTERNAL: '服务暂时不可用，请稍后重试',
  // client transport
  NETWORK: '网络不给力，请检查网络后重试',
  TIMEOUT: '请求超时，请重试',
  MALFORMED_RESPONSE: '服务返回了无法识别的数据，请重试',
  SERVER_ERROR: '服务暂时不可用，请稍后重试',
  // platform
  AUTH_CANCELLED: '你已取消授权，授权后才能领取电子社保卡',
  AUTH_FAILED: '支付宝授权失败，请重试',
  FACE_UNAVAILABLE: '暂时无法打开人脸识别，请稍后重试',
  // weak-password reasons
  FORMAT: '密码须为6位数字',
  ALL_SAME: '密码不能是6位相同的数字',
  SEQUENTIAL: '密码不能是连续的数字，如123456或654321',
  BIRTH_DATE: '密码不能是你的出生日期',
  ID_SUFFIX: '密码不能是证件号码的后六位',
  MISMATCH: '两次输入的密码不一致，请重新设置',
  // face fail reasons
  FACE_MISMATCH: '识别到的人脸与身份信息不一致，请本人重新认证',
  USER_CANCELLED: '你已取消人脸识别，可以重新开始认证',
  NOT_COMPLETED: '人脸识别没有完成，请重新认证',
  EXPIRED: '认证已超时，请重新认证',
  SUPERSEDED: '这次认证已被新的认证取代，请以最新一次为准',
  WRONG_PURPOSE: '这次认证不是为当前操作发起的，请重新认证',
  UNKNOWN: '出了点问题，请稍后重试',
}

const enUS: ErrorCatalog = {
  VALIDATION_FAILED: 'Some of the information sent was not valid. Please try again.',
  BODY_TOO_LARGE: 'What was sent is too large.',
  UNSUPPORTED_MEDIA_TYPE: 'The request format is not supported.',
  NOT_FOUND: 'What you asked for could not be found.',
  AUTH_CODE_INVALID: 'The authorization is not valid. Please authorize again.',
  AUTH_CODE_EXPIRED: 'The authorization has expired. Please authorize again.',
  AUTH_CODE_USED: 'The authorization was already used. Please authorize again.',
  REFRESH_TOKEN_INVALID: 'You have been signed out. Please authorize again.',
  TOKEN_MISSING: 'Please authorize with Alipay first.',
  TOKEN_INVALID: 'You have been signed out. Please authorize again.',
  TOKEN_EXPIRED: 'Your sign-in has expired. Please authorize again.',
  PERSONA_NOT_FOUND: 'That test persona does not exist. Choose another one in the simulator.',
  STEP_OUT_OF_ORDER: 'Your application moved on. Please continue from the current step.',
  AGREEMENT_OUTDATED: 'The agreement has been updated. Please read and accept the latest version.',
  NO_PHYSICAL_CARD:
    'You do not have a physical social security card yet, so the e-card cannot be claimed online. Please apply for a physical card at a social security service counter first.',
  CARD_SUSPENDED:
    'Your social security card is reported lost or suspended, so the e-card cannot be claimed. Please have it reinstated or replaced at a service counter first.',
  MINOR_NEEDS_GUARDIAN: 'Minors need a parent or guardian to claim the e-card for them.',
  ECARD_EXISTS: 'You already have an e-social security card.',
  CERTIFY_NOT_FOUND: 'This face verification could not be found. Please start again.',
  CERTIFY_PENDING: 'The face verification is not finished yet.',
  CERTIFY_NOT_PASSED: 'Face verification did not pass',
  CERTIFY_EXPIRED: 'The face verification timed out. Please verify again.',
  PASSWORD_DECRYPT_FAILED: 'The password could not be sent safely. Please set it again.',
  WEAK_PASSWORD: 'This password is too easy to guess. Please choose another.',
  IDEMPOTENCY_KEY_REQUIRED: 'The request was incomplete. Please try again.',
  IDEMPOTENCY_KEY_CONFLICT: 'The card request conflicted with another one. Please try again shortly.',
  CARD_NOT_FOUND: 'You have not claimed an e-card yet.',
  QR_INVALID: 'This QR code is not valid. Refresh it and show it again.',
  QR_ALREADY_USED: 'This QR code has already been used. Refresh it and show it again.',
  QR_EXPIRED: 'This QR code has expired. Refresh it and show it again.',
  CARD_UNBOUND: 'This e-card has been unbound. Claim it again to use it.',
  PASSWORD_WRONG: 'The password is not correct. Please try again.',
  PASSWORD_LOCKED: 'Too many wrong passwords: the card password is locked for now. Try later, or reset it with face verification.',
  FACE_RATE_LIMITED: 'Too many face verifications were started. Please try again later.',
  TOKEN_RATE_LIMITED: 'Too many sign-in attempts. Please wait a moment and try again.',
  INTERNAL: 'The service is unavailable right now. Please try again later.',
  NETWORK: 'The network is not available. Check your connection and try again.',
  TIMEOUT: 'The request timed out. Please try again.',
  MALFORMED_RESPONSE: 'The service sent something we could not read. Please try again.',
  SERVER_ERROR: 'The service is unavailable right now. Please try again later.',
  AUTH_CANCELLED: 'You cancelled the authorization. The e-card can only be claimed after you authorize.',
  AUTH_FAILED: 'Alipay authorization failed. Please try again.',
  FACE_UNAVAILABLE: 'Face verification cannot be opened right now. Please try again later.',
  FORMAT: 'The password must be six digits.',
  ALL_SAME: 'The password cannot be six of the same digit.',
  SEQUENTIAL: 'The password cannot be a run of digits such as 123456 or 654321.',
  BIRTH_DATE: 'The password cannot be your birth date.',
  ID_SUFFIX: 'The password cannot be the last six characters of your ID number.',
  MISMATCH: 'The two entries do not match. Please set the password again.',
  FACE_MISMATCH: 'The face did not match the identity on record. The card holder must verify in person.',
  USER_CANCELLED: 'You left face verification. You can start it again.',
  NOT_COMPLETED: 'Face verification was not completed. Please try again.',
  EXPIRED: 'The verification timed out. Please try again.',
  SUPERSEDED: 'A newer verification replaced this one. Please use the latest.',
  WRONG_PURPOSE: 'This verification was made for something else. Please verify again.',
  UNKNOWN: 'Something went wrong. Please try again later.',
}

const ERROR_TEXT: Record<Locale, ErrorCatalog> = { 'zh-CN': zhCN, 'en-US': enUS }

export function hasErrorText(code: string, locale: Locale): code is AppErrorCode {
  return Object.prototype.hasOwnProperty.call(ERROR_TEXT[locale], code)
}

/** Words for one code; a code this app does not know reads as the generic sentence. */
export function errorText(code: string, locale: Locale): string {
  const catalog = ERROR_TEXT[locale]
  return hasErrorText(code, locale) ? catalog[code] : catalog.UNKNOWN
}

export interface ErrorInfo {
  /** The stable code: goes into `data-code` for QA. */
  code: string
  /** A finer reason (weak-password rule, face fail reason) when there is one. */
  reason?: string
  /** PASSWORD_WRONG: how many more wrong passwords lock the card password. */
  remainingAttempts?: number
  /** PASSWORD_LOCKED: when the lock ends (ISO date-time). */
  lockedUntil?: string
  /** A rate limit (429): seconds until trying again can work, from the `Retry-After` header. */
  retryAfterSeconds?: number
}

/** The words around a refusal's numbers: attempts left, and the end of a lock in the person's own time. */
const DETAIL_TEXT: Record<Locale, { attemptsLeft: (n: number) => string; lockedUntil: (time: string) => string; retryIn: (seconds: number) => string }> = {
  'zh-CN': {
    attemptsLeft: (n) => `再输错${n}次，密码将被锁定`,
    lockedUntil: (time) => `${time}后可再次使用密码`,
    retryIn: (s) => (s < 60 ? `请${s}秒后再试` : `请${Math.ceil(s / 60)}分钟后再试`),
  },
  'en-US': {
    attemptsLeft: (n) => `${n} more wrong ${n === 1 ? 'try locks' : 'tries lock'} the password.`,
    lockedUntil: (time) => `You can use the password again after ${time}.`,
    retryIn: (s) => {
      const [n, unit] = s < 60 ? [s, 'second'] : [Math.ceil(s / 60), 'minute']
      return `You can try again in ${n} ${unit}${n === 1 ? '' : 's'}.`
    },
  },
}

/** The refusals whose `Retry-After` the person is told (the password lock says its end time instead). */
const RATE_LIMIT_CODES = new Set(['FACE_RATE_LIMITED', 'TOKEN_RATE_LIMITED'])

const pad2 = (n: number) => String(n).padStart(2, '0')

/** An ISO date-time in the phone's time zone: 2026年11月26日 09:05 or 2026-11-26 09:05 (no Intl: the Alipay runtime may lack it). */
export function formatDateTime(iso: string, locale: Locale): string {
  const d = new Date(iso)
  if (Number.isNaN(d.getTime())) return iso
  const time = `${pad2(d.getHours())}:${pad2(d.getMinutes())}`
  return locale === 'zh-CN'
    ? `${d.getFullYear()}年${d.getMonth() + 1}月${d.getDate()}日 ${time}`
    : `${d.getFullYear()}-${pad2(d.getMonth() + 1)}-${pad2(d.getDate())} ${time}`
}

export interface ErrorWords {
  title: string
  detail?: string
}

/** A title from the code and, when the reason has its own words, a detail from the reason. */
export function describeError(info: ErrorInfo, locale: Locale): ErrorWords {
  const title = errorText(info.code, locale)
  if (info.code === 'PASSWORD_WRONG' && typeof info.remainingAttempts === 'number') {
    return { title, detail: DETAIL_TEXT[locale].attemptsLeft(info.remainingAttempts) }
  }
  if (info.code === 'PASSWORD_LOCKED' && info.lockedUntil) {
    return { title, detail: DETAIL_TEXT[locale].lockedUntil(formatDateTime(info.lockedUntil, locale)) }
  }
  if (RATE_LIMIT_CODES.has(info.code) && typeof info.retryAfterSeconds === 'number' && info.retryAfterSeconds > 0) {
    return { title, detail: DETAIL_TEXT[locale].retryIn(Math.ceil(info.retryAfterSeconds)) }
  }
  if (info.reason && info.reason !== info.code && hasErrorText(info.reason, locale)) {
    return { title, detail: errorText(info.reason, locale) }
  }
  return { title }
}

/** Any thrown value as an ErrorInfo: ApiError and PlatformError carry `code` (and maybe `reason`). */
export function toErrorInfo(e: unknown): ErrorInfo {
  if (e && typeof e === 'object') {
    const { code, reason, remainingAttempts, lockedUntil, retryAfterSeconds } = e as {
      code?: unknown
      reason?: unknown
      remainingAttempts?: unknown
      lockedUntil?: unknown
      retryAfterSeconds?: unknown
    }
    if (typeof code === 'string' && code) {
      const info: ErrorInfo = typeof reason === 'string' && reason ? { code, reason } : { code }
      if (typeof remainingAttempts === 'number') info.remainingAttempts = remainingAttempts
      if (typeof lockedUntil === 'string' && lockedUntil) info.lockedUntil = lockedUntil
      if (typeof retryAfterSeconds === 'number' && retryAfterSeconds > 0) info.retryAfterSeconds = retryAfterSeconds
      return info
    }
  }
  return { code: 'UNKNOWN' }
}

const TOKEN_CODES = new Set(['TOKEN_MISSING', 'TOKEN_INVALID', 'TOKEN_EXPIRED', 'REFRESH_TOKEN_INVALID'])

/** The server no longer knows who this is: the person must authorize again. */
export function isSessionError(code: string): boolean {
  return TOKEN_CODES.has(code)
}

const TRANSIENT = new Set(['NETWORK', 'TIMEOUT', 'MALFORMED_RESPONSE', 'SERVER_ERROR', 'INTERNAL', 'UNKNOWN', 'IDEMPOTENCY_KEY_CONFLICT'])

/** Trying the same thing again may work. */
export function isTransient(code: string): boolean {
  return TRANSIENT.has(code)
}
