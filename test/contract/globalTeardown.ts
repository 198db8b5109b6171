/** Closes the in-process mock server (when globalSetup started one) and removes the runtime file. */
import fs from 'node:fs'
import type { FastifyInstance } from 'fastify'
import { RUNTIME_ENV } from './lib/runtime'

export default async function globalTeardown(): Promise<void> {
  const g = globalThis as { __CONTRACT_APP__?: FastifyInstance; __CONTRACT_TMP__?: string }
  if (g.__CONTRACT_APP__) {
    await g.__CONTRACT_APP__.close()
    g.__CONTRACT_APP__ = undefined
  }
  if (g.__CONTRACT_TMP__) {
    fs.rmSync(g.__CONTRACT_TMP__, { recursive: true, force: true })
    g.__CONTRACT_TMP__ = undefined
    delete process.env[RUNTIME_ENV]
  }
}
