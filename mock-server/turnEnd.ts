/**
 * Work held to the end of the event loop's turn and done together: setImmediate runs after the
 * turn's I/O callbacks, so the requests read in one turn are answered in one go. Under load a turn
 * reads several requests; answering each at once costs every write a wake-up of the client and the
 * server a poll per request, and sealing each QR token alone costs two calls into OpenSSL per token.
 * Idle, it costs one loop phase. Figures: docs/benchmarks.md (Server).
 */
const held: Array<() => void> = []

function release(): void {
  // a job may hold more (a sealed token's answer goes through the onSend hook): same turn
  while (held.length > 0) {
    for (const job of held.splice(0)) {
      try {
        job()
      } catch (error) {
        // one job's failure must not strand the rest; each job answers its own errors
        console.error(`A held job failed: ${(error as Error).message}`)
      }
    }
  }
}

export function atTurnEnd(job: () => void): void {
  if (held.push(job) === 1) setImmediate(release)
}
