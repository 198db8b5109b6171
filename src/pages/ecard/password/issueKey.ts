import { newIdempotencyKey } from '../../../services/crypto'
import { platform } from '../../../services/platform'

/**
 * The idempotency key of the one issuance this person is attempting. Created once, kept in the
 * host's storage until the card is issued, so a retry (after a timeout, a crash, a reload) sends
 * the same key and the server issues one card, not two. Bound to the signed-in principal.
 */
export const ISSUE_KEY_STORAGE = 'ecard.issueKey'

interface StoredIssueKey {
  principal: string
  key: string
}

export function issuanceKey(): string {
  const principal = platform.principal()
  const stored = platform.storage.get<StoredIssueKey>(ISSUE_KEY_STORAGE)
  if (stored && stored.principal === principal && typeof stored.key === 'string' && stored.key) return stored.key
  const key = newIdempotencyKey()
  platform.storage.set<StoredIssueKey>(ISSUE_KEY_STORAGE, { principal, key })
  return key
}

export function forgetIssuanceKey() {
  platform.storage.remove(ISSUE_KEY_STORAGE)
}
