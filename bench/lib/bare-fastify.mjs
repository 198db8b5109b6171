#!/usr/bin/env node
/**
 * The server benchmark's baseline: a bare Fastify (no logger, no hooks, no schemas) with the card
 * and QR routes answering the same JSON the mock server answered, read from the file named by
 * BARE_PAYLOADS ({ card, qr }). Prints `listening <port>` on stdout when ready.
 */
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'

const require = createRequire(import.meta.url)
const Fastify = require('fastify')

const payloads = JSON.parse(readFileSync(process.env.BARE_PAYLOADS, 'utf8'))
const app = Fastify({ logger: false })
app.get('/api/cards/current', async () => payloads.card)
app.post('/api/cards/current/qr', async () => payloads.qr)

await app.listen({ port: 0, host: '127.0.0.1' })
console.log(`listening ${app.server.address().port}`)
const stop = () => app.close().then(() => process.exit(0))
process.once('SIGTERM', stop)
process.once('SIGINT', stop)
