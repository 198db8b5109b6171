import { getCurrentCard, issueQrToken } from './card'
import { apiUrl, authHooks, JSON_HEADERS, REQUEST_TIMEOUT_MS, type ReceivedAnswer } from './clientSettings'
import type { getCurrentCardFast as Plain, issueQrTokenFast as PlainQr } from './fastPath'
import type { CardT, QrTokenT } from './types'
import { isOnline } from '../network/status'
import { requestStarted } from '../timing'

/**
 * H5's fast path for the card page's fresh load (docs/architecture.md): the first card and the first
 * QR token are asked for with the browser's fetch, so the page paints them without loading and
 * evaluating the API client (axios and Taro.request, call.h5.ts) first. Same URL, method, headers
 * and bearer token as the client would send, and the same timing marks.
 *
 * Only a 200 with a well-formed body is used here. Any other outcome (a 401, another 4xx/5xx, a
 * malformed body, no answer, the timeout) is handed to the client as that call's first attempt
 * (CallOptions.received): the client refreshes the token, retries or reports the error exactly as if
 * it had sent the request itself, and does not send it twice (a QA fault injected once stays one
 * fault, and a second QR token is not issued). Without a token, fetch or the network, the client
 * sends the request as usual.
 */

type Outcome<T> = { answer: T } | { received: ReceivedAnswer } | null

async function send<T>(method: 'GET' | 'POST', path: string, wellFormed: (body: unknown) => body is T): Promise<Outcome<T>> {
  const token = authHooks().accessToken()
  if (!token || typeof fetch !== 'function' || typeof AbortController !== 'function' || !isOnline()) return null
  const abort = new AbortController()
  const timer = setTimeout(() => abort.abort(), REQUEST_TIMEOUT_MS)
  const done = requestStarted('server')
  try {
    const res = await fetch(apiUrl(path), {
      method,
      headers: { ...JSON_HEADERS, Authorization: `Bearer ${token}` },
      // A bodiless POST sends {}, as the client does.
      body: method === 'GET' ? undefined : '{}',
      signal: abort.signal,
    })
    const body = await res.text()
    if (res.status === 200) {
      const parsed = parseJson(body)
      if (wellFormed(parsed)) return { answer: parsed }
    }
    const headers: Record<string, string> = {}
    res.headers.forEach((value, name) => {
      headers[name.toLowerCase()] = value
    })
    return { received: { status: res.status, headers, body } }
  } catch (e) {
    return { received: { failed: abort.signal.aborted ? 'timeout' : 'network', message: (e as Error)?.message || 'network error' } }
  } finally {
    clearTimeout(timer)
    done()
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text)
  } catch {
    return undefined
  }
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v)
const isText = (v: unknown): v is string => typeof v === 'string'

/** What the card face reads (CardFace): anything short of it goes to the client. */
export function isCard(v: unknown): v is CardT {
  if (!isObject(v) || !isObject(v.regionName)) return false
  return (
    [v.cardNumber, v.holderName, v.idNumberMasked, v.issueDate, v.validUntil, v.regionName['zh-CN'], v.regionName['en-US']].every(isText) &&
    (v.status === 'active' || v.status === 'unbound') &&
    typeof v.signLevel === 'number'
  )
}

export function isQrToken(v: unknown): v is QrTokenT {
  return isObject(v) && isText(v.token) && v.token.length > 0 && typeof v.expiresIn === 'number' && Number.isFinite(v.expiresIn)
}

async function fast<T>(method: 'GET' | 'POST', path: string, wellFormed: (body: unknown) => body is T, client: (received?: ReceivedAnswer) => Promise<T>): Promise<T> {
  const outcome = await send(method, path, wellFormed)
  if (outcome && 'answer' in outcome) return outcome.answer
  return client(outcome?.received)
}

export const getCurrentCardFast: typeof Plain = () => fast<CardT>('GET', '/cards/current', isCard, getCurrentCard)
export const issueQrTokenFast: typeof PlainQr = () => fast<QrTokenT>('POST', '/cards/current/qr', isQrToken, issueQrToken)
