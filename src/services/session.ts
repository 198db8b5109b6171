import { platform } from './platform'
import { exchangeAuthCode, refreshAccessToken, setAuthHooks, type TokenExchangeResponseT, type TokenResponseT } from './api'

/**
 * The signed-in session: tokens from the authorization step, kept in the host's storage and
 * bound to the platform's principal so another user on this device never inherits them.
 */
const SESSION_KEY = 'ecard.session'

interface StoredSession {
  principal: string
  userId: string
  accessToken: string
  refreshToken: string
  accessExpiresAt: number
}

function read(): StoredSession | undefined {
  const s = platform.storage.get<StoredSession>(SESSION_KEY)
  if (!s || s.principal !== platform.principal()) return undefined
  return s
}

function save(tokens: TokenResponseT, now: number) {
  platform.storage.set<StoredSession>(SESSION_KEY, {
    principal: platform.principal(),
    userId: tokens.userId,
    accessToken: tokens.accessToken,
    refreshToken: tokens.refreshToken,
    accessExpiresAt: now + tokens.expiresIn * 1000,
  })
}

export function hasSession(): boolean {
  return read() !== undefined
}

/** Step 5: the platform's authorization code, exchanged for tokens. */
/** With `include`, also what the gateway read with the sign-in (the claim, the person), in the same round trip. */
export async function signIn(include?: Array<'claim' | 'person'>): Promise<Pick<TokenExchangeResponseT, 'claim' | 'person'> | void> {
  const code = await platform.getAuthCode()
  const { claim, person, ...tokens } = await exchangeAuthCode(code, include)
  save(tokens, Date.now())
  if (include) return { claim, person }
}

export function signOut() {
  platform.storage.remove(SESSION_KEY)
}

let refreshing: Promise<boolean> | null = null

async function refresh(): Promise<boolean> {
  const s = read()
  if (!s) return false
  // Refresh tokens rotate: concurrent callers must share one refresh, not race two.
  refreshing ??= refreshAccessToken(s.refreshToken)
    .then((tokens) => {
      save(tokens, Date.now())
      return true
    })
    .catch(() => {
      signOut()
      return false
    })
    .finally(() => {
      refreshing = null
    })
  return refreshing
}

setAuthHooks({
  accessToken: () => read()?.accessToken,
  refresh,
})
