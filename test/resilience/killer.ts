/**
 * Kills the server with SIGKILL at random moments while the load runs, and starts it again on the
 * same DATA_DIR. Every other kill is aimed: it waits until a card password or an issuance is in
 * flight and strikes a few milliseconds after it was sent, where a lost answer costs the most.
 * The second kill strikes after an issuance committed but before its answer left: the QA
 * scenarios hold the next issueCard answer (`injectOnce` kind `timeout`, applied after the
 * handler), and the kill comes while it is held. One restart, chosen at random, is itself killed
 * while the server starts (opening and recovering the database, migrating, listening).
 */
import type { LoadClient } from './httpClient'
import type { Random } from './random'
import { sleep } from './random'
import { killHard, launchServer, startServer, type ServerOptions, type ServerProcess } from './serverProcess'

export interface KillRecord {
  /** ms since the load started */
  at: number
  aimed: boolean
  /** an issuance had committed and its answer was being held when the signal came */
  afterCommit: boolean
  /** requests in flight when the signal was sent */
  inFlight: number
  issuancesInFlight: number
  /** how long the server stayed down, and took to start again */
  downMs: number
  startMs: number
  /** ms after spawning that the restart was killed too (undefined: it was not) */
  killedStartingAfterMs?: number
}

export interface KillerOptions {
  kills: number
  random: Random
  client: LoadClient
  server: ServerOptions
  /** Random wait before each kill, [min, max] ms. */
  delayMs: [number, number]
  /** Random time the server stays dead before it is started again, [min, max] ms. */
  downMs: [number, number]
}

const AIMED_OPERATIONS = ['POST /cards', 'POST /claim/password']
const ISSUE = 'POST /cards'
/** The kill that comes after a commit, before the answer. */
export const AFTER_COMMIT_KILL = 2
/**
 * Once the server has taken the held fault, an issuance still unanswered after this long is the held
 * one, its handler done (the hold starts after the handler; normal answers take a few ms to a few
 * hundred).
 */
const HELD_FOR_MS = 2_000

async function until(condition: () => boolean, timeoutMs: number): Promise<void> {
  const end = Date.now() + timeoutMs
  while (!condition() && Date.now() < end) await sleep(1)
}

export class Killer {
  readonly kills: KillRecord[] = []
  /** Every server process's output, oldest first. */
  readonly outputs: (() => string)[] = []

  constructor(private server: ServerProcess, private readonly opts: KillerOptions) {
    this.outputs.push(() => server.output())
  }

  current(): ServerProcess {
    return this.server
  }

  async run(startedAt: number): Promise<void> {
    const { random, client } = this.opts
    const killTheRestartOf = random.int(1, this.opts.kills)
    for (let k = 1; k <= this.opts.kills; k++) {
      await sleep(random.int(...this.opts.delayMs))
      const aimed = k % 2 === 0
      let afterCommit = false
      if (k === AFTER_COMMIT_KILL) {
        afterCommit = await this.holdNextIssuanceAnswer()
      } else if (aimed) {
        await until(() => AIMED_OPERATIONS.some((op) => client.inFlightOf(op) > 0), 8_000)
        await sleep(random.int(0, 8))
      }
      // whatever the wait above found (an aimed request may have finished meanwhile, or none came
      // within 8 s), the kill lands while something is in flight
      await until(() => client.inFlightTotal() > 0, 15_000)
      const record = {
        at: Date.now() - startedAt,
        aimed,
        afterCommit,
        inFlight: client.inFlightTotal(),
        issuancesInFlight: AIMED_OPERATIONS.reduce((n, op) => n + client.inFlightOf(op), 0),
      }
      await killHard(this.server)
      const down = random.int(...this.opts.downMs)
      await sleep(down)
      let killedStartingAfterMs: number | undefined
      if (k === killTheRestartOf) {
        killedStartingAfterMs = random.int(50, 1_500)
        await this.killWhileStarting(killedStartingAfterMs)
      }
      const t0 = Date.now()
      await this.restart()
      this.kills.push({ ...record, downMs: down, startMs: Date.now() - t0, killedStartingAfterMs })
    }
  }

  /** Asks the server to hold the next issuance's answer, then waits until one is held; false if none came. */
  private async holdNextIssuanceAnswer(): Promise<boolean> {
    const { client } = this.opts
    const set = await client.request('PATCH /mock/scenarios', 'PATCH', '/mock/scenarios', {
      body: { global: { injectOnce: { operationId: 'issueCard', kind: 'timeout', holdMs: 120_000 } } },
    })
    if (set.status !== 200) throw new Error(`could not set the held answer: ${set.status} ${JSON.stringify(set.body)}`)
    const end = Date.now() + 30_000
    for (let taken = false; Date.now() < end; await sleep(50)) {
      if (!taken) taken = (await client.request('GET /mock/scenarios', 'GET', '/mock/scenarios')).body.global?.injectOnce === undefined
      if (taken && client.oldestInFlightMs(ISSUE) > HELD_FOR_MS) return true
    }
    return false
  }

  private async killWhileStarting(afterMs: number): Promise<void> {
    const launched = launchServer(this.opts.server)
    this.outputs.push(() => launched.process.output())
    // it may or may not have come up by then: either way it dies without a word
    const settled = launched.ready.catch(() => undefined)
    await sleep(afterMs)
    await killHard(launched.process)
    await settled
  }

  /** Starts the server again on the same data (also used after a kill outside `run`). */
  async restart(): Promise<ServerProcess> {
    this.server = await startServer(this.opts.server)
    const started = this.server
    this.outputs.push(() => started.output())
    return started
  }
}
