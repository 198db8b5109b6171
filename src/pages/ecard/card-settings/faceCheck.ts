import { queryCertification, type CertifyStartResponseT } from '../../../services/api'
import { platform } from '../../../services/platform'
import { toErrorInfo, type ErrorInfo } from '../../../i18n/errors'

export type FaceCheck = { passed: true; certifyId: string } | { passed: false; error: ErrorInfo }

/**
 * A face verification for the issued card (purpose reset or unbind): start it on the server, hand
 * off to the platform's face screen (on H5 the stand-in page, told the purpose so it returns here),
 * then ask the server whether it passed — the server decides, never the hand-off. Failures come back
 * as words-ready ErrorInfo, as on the claim's verify page.
 */
export async function verifyFaceFor(purpose: 'reset' | 'unbind', start: () => Promise<CertifyStartResponseT>): Promise<FaceCheck> {
  const session = await start()
  const handoff = await platform.verifyFace({ certifyId: session.certifyId, certifyUrl: session.certifyUrl, purpose })
  let passed: 'T' | 'F'
  let failReason: string | null
  try {
    const result = await queryCertification(session.certifyId)
    passed = result.passed
    failReason = result.failReason
  } catch (e) {
    // Left the face screen before it finished: the server has no outcome to give.
    if (handoff === 'cancelled' && toErrorInfo(e).code === 'CERTIFY_PENDING') return { passed: false, error: { code: 'CERTIFY_NOT_PASSED', reason: 'USER_CANCELLED' } }
    throw e
  }
  if (passed === 'T') return { passed: true, certifyId: session.certifyId }
  const reason = handoff === 'cancelled' && (failReason === null || failReason === 'NOT_COMPLETED') ? 'USER_CANCELLED' : failReason ?? 'NOT_COMPLETED'
  return { passed: false, error: { code: 'CERTIFY_NOT_PASSED', reason } }
}
