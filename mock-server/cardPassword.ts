/**
 * Using the card password once the card is issued (change it, unbind with it): the check against
 * the stored hash, with the lockout. Six wrong passwords in a row lock the password for 24 hours;
 * while locked every use of the password is refused with PASSWORD_LOCKED (and its end time); a
 * correct password, a reset after face verification, or the end of the lock starts the count over.
 */
import { ApiError } from './apiError'
import { alreadyAudited, recordAudit } from './audit'
import type { AppContext } from './context'
import { decryptPassword, verifyPassword } from './passwords'
import type { Persona } from './personas'
import type { CardRow, PasswordRow } from './store'
import { retryAfterSeconds } from './rateLimit'
import { isoOf, MINUTE_MS } from './time'

export const MAX_WRONG_PASSWORDS = 6
export const PASSWORD_LOCK_MS = 24 * 60 * MINUTE_MS

function lockHolds(row: PasswordRow, now: number): row is PasswordRow & { lockedUntil: number } {
  return row.lockedUntil !== null && now < row.lockedUntil
}

function lockedError(lockedUntil: number, now: number): ApiError {
  const until = isoOf(lockedUntil)
  return new ApiError('PASSWORD_LOCKED', `Too many wrong passwords: the card password is locked until ${until}.`, undefined, {
    lockedUntil: until,
    retryAfterSeconds: retryAfterSeconds(lockedUntil, now),
  })
}

function notSetError(): ApiError {
  // the has-ecard persona's card came from another channel without a password here
  return new ApiError('STEP_OUT_OF_ORDER', 'No card password has been set here; reset it with face verification.', 'PASSWORD_NOT_SET')
}

/** Refuses with PASSWORD_LOCKED while the lock holds. */
export function assertPasswordUsable(row: PasswordRow | undefined, now: number): asserts row is PasswordRow {
  if (!row) throw notSetError()
  if (lockHolds(row, now)) throw lockedError(row.lockedUntil, now)
}

/**
 * Checks the holder's card password, sent SM2-encrypted, for an action on `card`. Resolves when it
 * is right (and clears the count of wrong ones); otherwise refuses:
 *   PASSWORD_LOCKED          locked (lockedUntil), or this was the sixth wrong one in a row
 *   PASSWORD_WRONG           wrong (remainingAttempts before the lock)
 *   PASSWORD_DECRYPT_FAILED  the ciphertext did not decrypt: not counted, it says nothing about the password
 *   STEP_OUT_OF_ORDER        no password was ever set (reason PASSWORD_NOT_SET)
 * A wrong password's count commits even though the request fails: it writes its own audit rows
 * (password_wrong, and locked on the sixth) in that transaction.
 */
export async function verifyCardPassword(ctx: AppContext, persona: Persona, card: CardRow, keyId: string, ciphertextHex: string): Promise<void> {
  const before = ctx.store.getPassword(persona.id)
  assertPasswordUsable(before, ctx.now())
  const password = decryptPassword(ctx.store.serverKey(), keyId, ciphertextHex)
  const correct = await verifyPassword(password, before.hash)

  // scrypt took a while: count (or clear) against the row as it is now, atomically
  const now = ctx.now()
  const refusal = ctx.store.transaction((): ApiError | null => {
    const current = ctx.store.getPassword(persona.id)
    if (!current) return notSetError()
    if (lockHolds(current, now)) return lockedError(current.lockedUntil, now)
    // a lock that has run out leaves a count that no longer counts
    const failedSoFar = current.lockedUntil === null ? current.failedAttempts : 0
    if (current.hash !== before.hash) {
      // the password was changed or reset meanwhile: this check proves nothing either way
      return new ApiError('PASSWORD_WRONG', 'The card password changed meanwhile; try again.', undefined, {
        remainingAttempts: MAX_WRONG_PASSWORDS - failedSoFar,
      })
    }
    if (correct) {
      if (current.failedAttempts !== 0 || current.lockedUntil !== null) ctx.store.setPasswordFailures(persona.id, 0, null, now)
      return null
    }
    const failed = failedSoFar + 1
    recordAudit(ctx.store, { card, actor: 'holder', action: 'password_wrong' }, now, 'PASSWORD_WRONG')
    if (failed >= MAX_WRONG_PASSWORDS) {
      const lockedUntil = now + PASSWORD_LOCK_MS
      ctx.store.setPasswordFailures(persona.id, failed, lockedUntil, now)
      recordAudit(ctx.store, { card, actor: 'system', action: 'locked' }, now)
      return alreadyAudited(lockedError(lockedUntil, now))
    }
    ctx.store.setPasswordFailures(persona.id, failed, null, now)
    const remainingAttempts = MAX_WRONG_PASSWORDS - failed
    return alreadyAudited(
      new ApiError('PASSWORD_WRONG', `The card password is wrong; ${remainingAttempts} more wrong password(s) lock it for 24 hours.`, undefined, {
        remainingAttempts,
      }),
    )
  })
  if (refusal) throw refusal
}
