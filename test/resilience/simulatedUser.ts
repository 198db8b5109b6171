/**
 * One simulated person claiming the card over HTTP the way the app does it: the host's
 * authorization code, the token, then page by page where the server's claim state says
 * (`resumePage`, the app's own rule): the person's record and the agreement, consent, the face
 * verification (started, completed by the stand-in, queried), the SM2-encrypted password, and the
 * issuance with one Idempotency-Key kept until the card is shown.
 *
 * When an answer is lost (the server was killed), the person waits until the server is back and
 * carries on from GET /claim, as the app does when it is opened again: an issuance that was never
 * acknowledged is sent again with the SAME key. Every acknowledged issuance is recorded.
 */
import type { CardT, ClaimT } from '../../mock-server/schemas/api'
import type { Persona } from '../../mock-server/personas'
import { weakPasswordReason } from '../../src/domain/password'
import { resumePage } from '../../src/flow/claimFlow'
import { encryptPassword, newIdempotencyKey } from '../../src/services/crypto'
import { LostAnswer, type Answer, type LoadClient, type RequestOptions } from './httpClient'
import { sleep, type Random } from './random'

/** A status the flow does not expect: recorded, and the person starts over from GET /claim. */
class UnexpectedAnswer extends Error {}

export interface Acknowledgement {
  /** 201 (issued now) or 200 (a replay of the same key) */
  status: number
  idempotencyKey: string
  card: CardT
}

export interface UserReport {
  personaId: string
  /** Every POST /cards answered 200/201, in order. */
  acknowledged: Acknowledgement[]
  /** The card GET /cards/current showed at the end (undefined if the person never got there). */
  shownCard?: CardT
  finalState?: ClaimT['state']
  lostAnswers: number
  /** POST /cards whose answer was lost, each sent again with the same key. */
  lostIssuances: number
  /** Unacknowledged issuances the server had committed: the retry answered 200 with the card. */
  replayedIssuances: number
  /** Idempotency keys used (one expected). */
  idempotencyKeys: string[]
  faceStarts: number
  /** Times the card was looked at again after it was shown. */
  cardViews: number
  anomalies: string[]
}

export interface UserOptions {
  client: LoadClient
  persona: Persona
  /** This person's own client address (see LoadClient). */
  address: string
  random: Random
  /** Pause between two calls, as a person reading the screen: [min, max] ms. */
  thinkMs: [number, number]
  /** Give up after this many page visits (a loop would otherwise hide a stuck claim). */
  maxVisits?: number
  /**
   * After the card: keep looking at it (GET /cards/current every second or so) while this says so,
   * checking it is still the card that was acknowledged. Keeps the load on until the last kill.
   */
  watchCardWhile?: () => boolean
}

/** A six-digit password the app's own rules accept for this person. */
export function choosePassword(persona: Persona, random: Random): string {
  for (;;) {
    const pw = String(random.int(0, 999_999)).padStart(6, '0')
    if (weakPasswordReason(pw, { idNumber: persona.idNumber }) === null) return pw
  }
}

/** The n-th person's address, n from 0: 127.1.0.2, 127.1.0.3, ... (never 127.0.0.1). */
export function addressOf(n: number): string {
  return `127.1.${Math.floor(n / 250)}.${2 + (n % 250)}`
}

export class SimulatedUser {
  readonly report: UserReport
  private token?: string
  private idempotencyKey?: string
  private readonly password: string

  constructor(private readonly opts: UserOptions) {
    this.password = choosePassword(opts.persona, opts.random)
    this.report = {
      personaId: opts.persona.id,
      acknowledged: [],
      lostAnswers: 0,
      lostIssuances: 0,
      replayedIssuances: 0,
      idempotencyKeys: [],
      faceStarts: 0,
      cardViews: 0,
      anomalies: [],
    }
  }

  /** Runs the claim to the card page, then watches the card while `watchCardWhile` says so. */
  async run(): Promise<UserReport> {
    const maxVisits = this.opts.maxVisits ?? 60
    for (let visit = 0; visit < maxVisits && !this.report.shownCard; visit++) await this.survive(() => this.visit())
    const watching = this.opts.watchCardWhile ?? (() => false)
    while (this.report.shownCard && watching()) {
      await sleep(this.opts.random.int(500, 1_500))
      await this.survive(() => this.lookAtCard())
    }
    return this.report
  }

  /** Runs one step; a lost answer waits for the server, an unexpected one is recorded. */
  private async survive(step: () => Promise<void>): Promise<void> {
    try {
      await step()
    } catch (e) {
      if (e instanceof LostAnswer) {
        this.report.lostAnswers++
        await this.opts.client.waitUntilUp(this.opts.address)
      } else if (e instanceof UnexpectedAnswer) {
        this.report.anomalies.push(e.message)
        await sleep(200)
      } else {
        throw e
      }
    }
  }

  private async lookAtCard(): Promise<void> {
    const card = (await this.call('GET /cards/current', 'GET', '/cards/current', [200], { token: this.token })).body as CardT
    this.report.cardViews++
    if (card.cardNumber !== this.report.shownCard!.cardNumber) throw new UnexpectedAnswer('GET /cards/current showed another card')
  }

  private async think(): Promise<void> {
    const [min, max] = this.opts.thinkMs
    await sleep(this.opts.random.int(min, max))
  }

  private async call(operation: string, method: 'GET' | 'POST', url: string, expected: number[], opts: RequestOptions = {}): Promise<Answer> {
    await this.think()
    const answer = await this.opts.client.request(operation, method, url, { ...opts, from: this.opts.address })
    if (!expected.includes(answer.status)) {
      const code = typeof answer.body === 'object' && answer.body ? answer.body.code : String(answer.body).slice(0, 80)
      throw new UnexpectedAnswer(`${operation} answered ${answer.status} ${code}`)
    }
    return answer
  }

  /** One screen: sign in if needed, ask the server where to resume, do that page's step. */
  private async visit(): Promise<void> {
    if (!this.token) await this.signIn()
    const token = this.token!
    const claim = (await this.call('GET /claim', 'GET', '/claim', [200], { token })).body as ClaimT
    this.report.finalState = claim.state
    switch (resumePage(claim.state)) {
      case 'confirm':
        return this.confirm(token)
      case 'verify':
        return this.verifyFace(token, claim)
      case 'password':
        return this.setPasswordAndIssue(token, claim)
      case 'card':
        return this.showCard(token)
    }
  }

  private async signIn(): Promise<void> {
    // my.getAuthCode, then the gateway's token exchange; a code whose answer was lost is simply not used again
    const code = (await this.call('POST /mock/auth-code', 'POST', '/mock/auth-code', [200], { body: { personaId: this.opts.persona.id } })).body
    const tokens = (await this.call('POST /oauth/token', 'POST', '/oauth/token', [200], { body: { grantType: 'authorization_code', code: code.authCode } })).body
    this.token = tokens.accessToken
  }

  private async confirm(token: string): Promise<void> {
    await this.call('GET /person', 'GET', '/person', [200], { token })
    const agreement = (await this.call('GET /agreements/current', 'GET', '/agreements/current', [200])).body
    await this.call('POST /claim/consent', 'POST', '/claim/consent', [200], { token, body: { agreementVersion: agreement.version } })
  }

  private async verifyFace(token: string, claim: ClaimT): Promise<void> {
    // a verification already started (the app was closed on the face screen): query it once first
    if (claim.state === 'certifying' && claim.certifyId) {
      const pending = (await this.call('GET /certifications/:id', 'GET', `/certifications/${claim.certifyId}`, [200], { token })).body
      if (pending.passed === 'T') return
      if (pending.failReason === 'NOT_COMPLETED') return this.faceScreen(token, claim.certifyId)
    }
    const started = (await this.call('POST /certifications', 'POST', '/certifications', [200], { token, body: {} })).body
    this.report.faceStarts++
    return this.faceScreen(token, started.certifyId)
  }

  /** The platform's face screen (the H5 stand-in records a pass), then the app queries the result. */
  private async faceScreen(token: string, certifyId: string): Promise<void> {
    await this.call('POST /mock/certifications/:id/complete', 'POST', `/mock/certifications/${certifyId}/complete`, [200], { body: { outcome: 'pass' } })
    const result = (await this.call('GET /certifications/:id', 'GET', `/certifications/${certifyId}`, [200], { token })).body
    if (result.passed !== 'T') throw new UnexpectedAnswer(`face verification did not pass: ${result.failReason}`)
  }

  /** The key is made when the password page opens and kept until the card is shown. */
  private issuanceKey(): string {
    if (!this.idempotencyKey) {
      this.idempotencyKey = newIdempotencyKey()
      this.report.idempotencyKeys.push(this.idempotencyKey)
    }
    return this.idempotencyKey
  }

  private async setPasswordAndIssue(token: string, claim: ClaimT): Promise<void> {
    const key = this.issuanceKey()
    if (claim.state === 'certified') {
      const publicKey = (await this.call('GET /crypto/public-key', 'GET', '/crypto/public-key', [200])).body
      const encryptedPassword = encryptPassword(this.password, publicKey.publicKey)
      await this.call('POST /claim/password', 'POST', '/claim/password', [200], { token, body: { keyId: publicKey.keyId, encryptedPassword } })
    }
    await this.issue(token, key)
  }

  private async issue(token: string, key: string): Promise<void> {
    let answer: Answer
    try {
      answer = await this.call('POST /cards', 'POST', '/cards', [200, 201], { token, headers: { 'idempotency-key': key } })
    } catch (e) {
      if (e instanceof LostAnswer) this.report.lostIssuances++
      throw e
    }
    this.report.acknowledged.push({ status: answer.status, idempotencyKey: key, card: answer.body as CardT })
  }

  private async showCard(token: string): Promise<void> {
    // issued, but this person never saw the answer: send the issuance again with the same key
    const unacknowledged = this.idempotencyKey !== undefined && this.report.acknowledged.length === 0
    if (unacknowledged) {
      await this.issue(token, this.idempotencyKey!)
      const last = this.report.acknowledged[this.report.acknowledged.length - 1]
      if (last.status === 200) this.report.replayedIssuances++
    }
    const card = (await this.call('GET /cards/current', 'GET', '/cards/current', [200], { token })).body as CardT
    this.report.shownCard = card
  }
}
