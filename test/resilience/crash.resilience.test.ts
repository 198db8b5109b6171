/**
 * Nothing lost: the real server as a child process on a file database, 200 simulated people
 * claiming their card at once, and SIGKILL at random moments (RESILIENCE_KILLS, at least 5), each
 * followed by a restart on the same file. Afterwards, and after one more kill once everyone is
 * done: every issuance a person saw acknowledged exists exactly once, nobody has two cards, no
 * card exists without its password hash, every claim can continue (everyone reached the card),
 * and SQLite's integrity check passes.
 *
 * The seed is printed; `RESILIENCE_SEED=<seed> npm run test:resilience` replays the same kill
 * delays, think times and passwords (the interleaving of 200 people still varies with the machine).
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { generatedPersonas } from '../../mock-server/personas/generated'
import { LoadClient } from './httpClient'
import { checkDatabase } from './invariants'
import { Killer } from './killer'
import { runSeed, seededRandom, sleep } from './random'
import { freePort, killHard, startServer, stopGracefully, type ServerOptions } from './serverProcess'
import { addressOf, SimulatedUser, type UserReport } from './simulatedUser'

const USERS = Number(process.env.RESILIENCE_USERS ?? 200)
const KILLS = Math.max(5, Number(process.env.RESILIENCE_KILLS ?? 6))
/** People arrive over this window, so the load lasts while the killer works. */
const ARRIVAL_MS = 20_000

jest.setTimeout(300_000)

let dataDir: string
beforeAll(() => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ecard-resilience-'))
})
afterAll(() => {
  fs.rmSync(dataDir, { recursive: true, force: true })
})

/** Who saw what, summed over everyone (for the log and the "the crashes hit" assertions). */
function totals(reports: readonly UserReport[]) {
  const sum = (f: (r: UserReport) => number) => reports.reduce((n, r) => n + f(r), 0)
  return {
    lostAnswers: sum((r) => r.lostAnswers),
    lostIssuances: sum((r) => r.lostIssuances),
    replayedIssuances: sum((r) => r.replayedIssuances),
    faceStarts: sum((r) => r.faceStarts),
    cardViews: sum((r) => r.cardViews),
    anomalies: reports.flatMap((r) => r.anomalies.map((a) => `${r.personaId}: ${a}`)),
  }
}

describe('nothing lost: SIGKILL under load', () => {
  it(`${USERS} people claim their card while the server is killed ${KILLS} times; every acknowledged card exists exactly once`, async () => {
    const seed = runSeed()
    console.log(`crash run seed ${seed}: replay with RESILIENCE_SEED=${seed} npm run test:resilience`)
    const random = seededRandom(seed)
    const port = await freePort()
    const serverOptions: ServerOptions = {
      port,
      dataDir,
      // the brute-force limits stay as they are: each person calls from an address of their own
      env: { EXTRA_PERSONAS: String(USERS) },
    }
    const personas = generatedPersonas(USERS)
    const client = new LoadClient(port)
    const killer = new Killer(await startServer(serverOptions), {
      kills: KILLS,
      random: random.fork(0),
      client,
      server: serverOptions,
      delayMs: [300, 2_500],
      downMs: [0, 800],
    })

    try {
      const startedAt = Date.now()
      let killing = true
      const users = personas.map(
        (persona, i) =>
          new SimulatedUser({ client, persona, address: addressOf(i), random: random.fork(i + 1), thinkMs: [20, 300], watchCardWhile: () => killing }),
      )
      const arrivals = random.fork(USERS + 1)
      const running = users.map(async (user) => {
        await sleep(arrivals.int(0, ARRIVAL_MS))
        return user.run()
      })
      await killer.run(startedAt).finally(() => (killing = false))
      const reports = await Promise.all(running)
      const loadMs = Date.now() - startedAt
      const sums = totals(reports)
      console.log(
        `crash run: ${USERS} people, ${killer.kills.length} kills in ${loadMs} ms; ` +
          `lost answers ${sums.lostAnswers}, lost issuances ${sums.lostIssuances} (committed before the kill: ${sums.replayedIssuances}), ` +
          `face verifications started ${sums.faceStarts}, cards looked at again ${sums.cardViews}\n` +
          killer.kills.map((k, i) => `  kill ${i + 1} at ${k.at} ms${k.afterCommit ? ' (after a commit, answer held)' : k.aimed ? ' (aimed)' : ''}: ${k.inFlight} requests in flight, ${k.issuancesInFlight} password/issuance; down ${k.downMs} ms, ${k.killedStartingAfterMs === undefined ? '' : `restart killed after ${k.killedStartingAfterMs} ms, `}start ${k.startMs} ms`).join('\n'),
      )

      // the crashes did hit the load
      expect(killer.kills).toHaveLength(KILLS)
      for (const kill of killer.kills) expect(kill.inFlight).toBeGreaterThan(0)
      expect(sums.lostAnswers).toBeGreaterThanOrEqual(KILLS)
      expect(sums.lostIssuances).toBeGreaterThan(0)
      // one kill came after an issuance committed and before its answer left: its retry found the card
      expect(killer.kills.filter((k) => k.afterCommit)).toHaveLength(1)
      expect(sums.replayedIssuances).toBeGreaterThanOrEqual(1)

      // no refusal, no 5xx: after every crash the flow went on from the server's state
      expect(sums.anomalies).toEqual([])
      // every claim continued to the card, under one key, and what was shown is what was acknowledged
      for (const report of reports) {
        expect({ personaId: report.personaId, shown: report.shownCard !== undefined, state: report.finalState, keys: report.idempotencyKeys.length }).toEqual({
          personaId: report.personaId,
          shown: true,
          state: 'issued',
          keys: 1,
        })
        expect(report.acknowledged.length).toBeGreaterThan(0)
        for (const ack of report.acknowledged) expect(ack.card).toEqual(report.shownCard)
      }

      // once more with everyone done: an acknowledged card survives a kill, as the API shows it
      await killHard(killer.current())
      await killer.restart()
      for (const [i, report] of reports.entries()) {
        const from = addressOf(i)
        const code = await client.request('POST /mock/auth-code', 'POST', '/mock/auth-code', { from, body: { personaId: report.personaId } })
        expect(code.status).toBe(200)
        const tokens = await client.request('POST /oauth/token', 'POST', '/oauth/token', { from, body: { grantType: 'authorization_code', code: code.body.authCode } })
        expect({ status: tokens.status, body: tokens.body }).toEqual({ status: 200, body: expect.objectContaining({ accessToken: expect.any(String) }) })
        const token = tokens.body.accessToken as string
        const claim = await client.request('GET /claim', 'GET', '/claim', { from, token })
        const card = await client.request('GET /cards/current', 'GET', '/cards/current', { from, token })
        expect({ claim: claim.body.state, status: card.status, card: card.body }).toEqual({ claim: 'issued', status: 200, card: report.acknowledged[0].card })
      }

      // and on the file itself, beside the running server
      const findings = checkDatabase(path.join(dataDir, 'ecard.sqlite'), reports)
      expect(findings.integrity).toEqual(['ok'])
      expect(findings.foreignKeys).toEqual([])
      expect(findings.violations).toEqual([])
      expect(findings.counts.idempotencyKeys).toBe(USERS)
      // the load's people's cards, plus the fixture's pre-issued one
      expect(findings.counts.cards).toBe(USERS + 1)

      // no request ever failed inside the server
      const logs = killer.outputs.map((o) => o()).join('\n')
      expect(logs).not.toContain('unhandled error')
    } finally {
      client.close()
      await stopGracefully(killer.current())
    }
  })
})
