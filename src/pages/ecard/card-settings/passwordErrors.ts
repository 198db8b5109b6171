import type { ErrorInfo } from '../../../i18n/errors'

/**
 * Refusals after which entering the card password again cannot help: it is locked
 * (PASSWORD_LOCKED, with its end time), or none was ever set on this channel (a card issued
 * elsewhere: STEP_OUT_OF_ORDER with reason PASSWORD_NOT_SET). The way on is a reset with face.
 */
export function isBlocked(info: ErrorInfo): boolean {
  return info.code === 'PASSWORD_LOCKED' || (info.code === 'STEP_OUT_OF_ORDER' && info.reason === 'PASSWORD_NOT_SET')
}

/** A wrong password's attempts-left message stays while the person types again; other messages clear. */
export function keepOnTyping(info: ErrorInfo): boolean {
  return info.code === 'PASSWORD_WRONG'
}

/** The face verification cannot be used (any more): verify again. */
export function needsNewFace(info: ErrorInfo): boolean {
  return info.code === 'CERTIFY_NOT_FOUND' || info.code === 'CERTIFY_NOT_PASSED' || info.code === 'CERTIFY_EXPIRED'
}
