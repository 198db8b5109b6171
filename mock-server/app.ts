/**
 * Builds the mock identity-and-issuance server: a Fastify instance with every route under /api,
 * TypeBox schemas on every route (validation, serialization and the OpenAPI document), one error
 * shape on the wire, and the H5 build served at / when there is one. Used by index.ts and tests.
 */
import fs from 'node:fs'
import path from 'node:path'
import Fastify, { LogController, type FastifyError, type FastifyInstance, type FastifyReply } from 'fastify'
import fastifySwagger from '@fastify/swagger'
import fastifyStatic from '@fastify/static'
import { ApiError, defaultMessage, type WireError } from './apiError'
import { ensurePreIssuedCard } from './cards'
import type { AppContext } from './context'
import { installCors } from './cors'
import { fixedLines, guardedLines, lazyChildLogger, loggerOptions } from './logging'
import { DEFAULT_RATE_LIMITS, type RateLimits } from './rateLimit'
import { PERSONAS, registerPersonas, type Persona } from './personas'
import { isValidIdNumber } from '../src/domain/idNumber'
import { ErrorBody, ID_NUMBER_FORMAT } from './schemas/api'
import { ERROR_STATUS } from './schemas/errors'
import { openStore } from './store'
import { atTurnEnd } from './turnEnd'
import { agreementRoutes } from './routes/agreements'
import { cardManagementRoutes } from './routes/cardManagement'
import { cardRoutes } from './routes/cards'
import { certificationRoutes } from './routes/certifications'
import { claimRoutes } from './routes/claim'
import { cryptoRoutes } from './routes/crypto'
import { metaRoutes } from './routes/meta'
import { mockRoutes } from './routes/mock'
import { oauthRoutes } from './routes/oauth'
import { personRoutes } from './routes/person'
import { scannerRoutes } from './routes/scanner'
import { installScenarios, type Qa, type QaOptions } from './scenarios'
import { eventRoutes } from './routes/events'
import { personaCardRoutes } from './routes/personaCards'
import { qaConsoleRoutes } from './routes/qaConsole'
import { scenarioRoutes } from './routes/scenarios'

export interface BuildAppOptions {
  /** SQLite file; ':memory:' (the default) for tests. */
  dbPath?: string
  /** The clock, ms since the epoch; injectable so tests can move time. */
  now?: () => number
  /** Where log lines go (default stdout). */
  logStream?: NodeJS.WritableStream
  /** pino level (default: LOG_LEVEL or 'info'). */
  logLevel?: string
  /** A directory (dist/h5) to serve at / when it exists. */
  staticRoot?: string
  /** The QA scenarios' live log: buffer size and SSE heartbeat (tests shorten it). */
  qa?: QaOptions
  /** Brute-force limits over DEFAULT_RATE_LIMITS (npm start: RATE_LIMIT_* env, mock-server/rateLimit.ts). */
  rateLimits?: Partial<RateLimits>
  /** Origins allowed to call the API from a browser page (CORS); none by default (npm start: CORS_ORIGINS). */
  corsOrigins?: readonly string[]
  /** Personas besides the fixture's, e.g. generated ones for a load run (mock-server/personas/generated.ts). */
  extraPersonas?: readonly Persona[]
}

export const API_PREFIX = '/api'

/**
 * The pages (the H5 app, the QA console) load only from this origin. Inline scripts and styles stay
 * allowed because Taro's H5 template inlines its boot script and sets styles at run time; images
 * include data: (Taro's component icons) and media includes mediastream: (the face stand-in's camera).
 */
export const PAGE_CSP = [
  "default-src 'self'",
  "script-src 'self' 'unsafe-inline'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "media-src 'self' blob: mediastream:",
  "connect-src 'self'",
  "font-src 'self' data:",
  "object-src 'none'",
  "base-uri 'self'",
  "frame-ancestors 'self'",
  "form-action 'self'",
].join('; ')
export const BODY_LIMIT_BYTES = 64 * 1024

export async function buildApp(opts: BuildAppOptions = {}): Promise<FastifyInstance> {
  const now = opts.now ?? Date.now
  if (opts.extraPersonas) registerPersonas(opts.extraPersonas)
  const store = openStore(opts.dbPath ?? ':memory:')
  const logStream = opts.logStream ?? process.stdout
  const logLines = guardedLines(logStream)
  const logLevel = opts.logLevel ?? process.env.LOG_LEVEL ?? 'info'
  const lines = fixedLines({ write: (line) => logStream.write(line) }, logLevel)
  const ctx: AppContext = { store, now, startedAt: now(), limits: { ...DEFAULT_RATE_LIMITS, ...opts.rateLimits }, lines }
  const app = Fastify({
    logger: loggerOptions(logLines, logLevel),
    childLoggerFactory: lazyChildLogger as never,
    // Fastify's own request lines carry the URL (query strings); ours (onResponse below) do not
    ...(typeof LogController === 'function'
      ? { logController: new LogController({ disableRequestLogging: true }) }
      : { disableRequestLogging: true }),
    bodyLimit: BODY_LIMIT_BYTES,
    // a URL that does not decode, or a path parameter longer than the router takes: Fastify would
    // answer in its own shape and echo the URL (query string included); ours says neither
    frameworkErrors: (error, request, frameworkReply) => {
      const reply = frameworkReply as unknown as FastifyReply
      const code = error.code === 'FST_ERR_BAD_URL' || error.code === 'FST_ERR_MAX_PARAM_LENGTH' ? 'VALIDATION_FAILED' : 'INTERNAL'
      if (code === 'INTERNAL') request.log.error({ err: error }, 'framework error')
      reply.errorCode = code
      // no route, so no onSend hook: the headers every API answer carries, set here
      reply.header('cache-control', 'no-store').header('x-content-type-options', 'nosniff').header('referrer-policy', 'no-referrer')
      reply.status(ERROR_STATUS[code]).send({ code, message: code === 'INTERNAL' ? defaultMessage('INTERNAL') : 'The request URL is not valid.' })
    },
    ajv: {
      customOptions: {
        // additionalProperties: false means "refuse", not "silently drop"; dropping also breaks
        // anyOf bodies such as TokenRequest (the first branch would strip the second's fields)
        removeAdditional: false,
        // a number where the contract says string is a client bug, not something to paper over
        // (params and headers are strings in every schema here, so nothing needs coercion)
        coerceTypes: false,
        // a resident ID number in any request schema (schemas/api.ts IdNumber): GB 11643 check
        // character and a real, past birth date, not just 18 characters
        formats: { [ID_NUMBER_FORMAT]: (value: string) => isValidIdNumber(value) },
      },
    },
  })
  app.addHook('onClose', async () => store.close())

  app.decorateRequest('personaId', null)
  app.decorateRequest('tokenFamilyId', null)
  // every route as registered (method, url, schema): the fuzz and authz suites enumerate them from here
  const routeTable: RegisteredRoute[] = []
  app.decorate('routeTable', routeTable)
  app.addHook('onRoute', (route) => {
    for (const method of [route.method].flat()) routeTable.push({ method, url: route.url, schema: route.schema as RegisteredRoute['schema'] })
  })
  app.decorateReply('errorCode', null)

  // The API speaks JSON only: a text/plain body is UNSUPPORTED_MEDIA_TYPE, not a string to validate
  app.removeContentTypeParser('text/plain')
  // An empty body with Content-Type: application/json is "no body" (POST /certifications takes none).
  // An operation without a body schema reads no body: anything but none (or `{}`, or null, which the
  // app sends on such POSTs) is refused, like an unknown field in a body that has a schema. Checked
  // here, where a body is read at all, rather than in a hook that every request would run.
  const defaultJsonParser = app.getDefaultJsonParser('error', 'error')
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    const text = typeof body === 'string' ? body : body.toString('utf8')
    if (text.trim() === '') return done(null, undefined)
    defaultJsonParser(request, text, (error, value) => {
      if (error) return done(error)
      const schema = request.routeOptions.schema as { body?: unknown } | undefined
      const readsNoBody = schema !== undefined && schema.body === undefined
      const isEmpty = value === null || (typeof value === 'object' && !Array.isArray(value) && Object.keys(value as object).length === 0)
      if (readsNoBody && !isEmpty) return done(new ApiError('VALIDATION_FAILED', 'This operation takes no request body.'))
      done(null, value)
    })
  })

  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.0.3',
      info: {
        title: 'E-Social Security Card gateway (mock)',
        version: '1.0.0',
        description:
          'The identity-and-issuance API the e-social security card mini-program talks to. Errors are always ' +
          '`{ code, message }` (ErrorBody). Routes tagged `mock` exist only in the mock server.',
      },
      servers: [{ url: '/' }],
      tags: [
        { name: 'meta', description: 'Health and this document' },
        { name: 'oauth', description: 'alipay.system.oauth.token' },
        { name: 'agreement', description: 'The service agreement' },
        { name: 'crypto', description: 'The SM2 key for the password' },
        { name: 'person', description: "The person's record" },
        { name: 'claim', description: 'The claim and its state machine' },
        { name: 'certification', description: 'alipay.user.certify.open.initialize / query' },
        { name: 'card', description: 'Issuing the e-card, and the issued card: reveal, QR code, password, unbinding' },
        { name: 'scanner', description: "Checking a card's QR code, as a hospital's or pharmacy's scanner does" },
        { name: 'mock', description: 'Mock-only: personas and platform stand-ins for QA' },
      ],
      components: {
        securitySchemes: { bearerAuth: { type: 'http', scheme: 'bearer', description: 'accessToken from POST /api/oauth/token' } },
      },
    },
    refResolver: {
      // shared schemas appear under their own $id (components.schemas.ErrorBody), not def-0
      buildLocalReference: (json, _baseUri, _fragment, i) => (typeof json.$id === 'string' ? json.$id : `def-${i}`),
    },
  })
  app.addSchema(ErrorBody)

  app.setErrorHandler((error: FastifyError, request, reply) => {
    const body = toWireError(error)
    if (body.code === 'INTERNAL') request.log.error({ err: error }, 'unhandled error')
    const retryAfter = error instanceof ApiError ? error.details?.retryAfterSeconds : undefined
    if (retryAfter !== undefined) reply.header('retry-after', String(retryAfter))
    reply.errorCode = body.code
    reply.status(ERROR_STATUS[body.code]).send(body)
  })

  app.setNotFoundHandler((_request, reply) => {
    reply.errorCode = 'NOT_FOUND'
    reply.status(404).send({ code: 'NOT_FOUND', message: defaultMessage('NOT_FOUND') })
  })

  // callback hooks here and below: an async hook costs a promise per request, for nothing to await.
  // The QA scenarios (installed below) are called from these hooks rather than hooks of their own.
  let liveQa: Qa | undefined
  app.addHook('onSend', (request, reply, payload, done) => {
    const isApi = request.url === API_PREFIX || request.url.startsWith(API_PREFIX + '/')
    if (isApi) reply.header('cache-control', 'no-store')
    // a page with a stricter policy of its own (the QA console) keeps it
    else if (!reply.hasHeader('content-security-policy')) reply.header('content-security-policy', PAGE_CSP)
    reply.header('x-content-type-options', 'nosniff')
    reply.header('referrer-policy', 'no-referrer')
    reply.header('x-frame-options', 'SAMEORIGIN')
    reply.removeHeader('x-powered-by')
    // the QA scenarios' after-handler faults: from this hook, not one of their own (a hook run per request)
    // the answers of one turn leave together (mock-server/turnEnd.ts)
    atTurnEnd(() => (liveQa ? liveQa.beforeSend(request, reply, payload, done) : done(null, payload)))
  })

  // One line per request: method, route pattern (never the URL: no ids, no query strings), status,
  // duration and the error code. No bodies, no headers. The same hook gives the QA live log its
  // event (installed below): one hook run per request instead of two.
  app.addHook('onResponse', (request, reply, done) => {
    const routeOptions = request.routeOptions
    ctx.lines.request({
      reqId: request.id,
      method: request.method,
      route: routeOptions.url ?? null,
      status: reply.statusCode,
      durationMs: Math.round(reply.elapsedTime * 100) / 100,
      errorCode: reply.errorCode ?? undefined,
    })
    liveQa?.callFinished(request, reply, routeOptions)
    done()
  })

  installCors(app, opts.corsOrigins ?? [])

  // QA scenarios and the live API log: hooks on every API route (mock-server/scenarios)
  const qa = installScenarios(app, ctx, opts.qa)
  liveQa = qa

  await app.register(
    async (api) => {
      await api.register(metaRoutes(ctx))
      await api.register(oauthRoutes(ctx))
      await api.register(agreementRoutes())
      await api.register(cryptoRoutes(ctx))
      await api.register(personRoutes(ctx))
      await api.register(claimRoutes(ctx))
      await api.register(certificationRoutes(ctx))
      await api.register(cardRoutes(ctx))
      await api.register(cardManagementRoutes(ctx))
      await api.register(scannerRoutes(ctx))
      await api.register(mockRoutes(ctx))
      await api.register(personaCardRoutes(ctx))
      await api.register(scenarioRoutes(qa))
      await api.register(eventRoutes(qa))
    },
    { prefix: API_PREFIX },
  )

  await app.register(qaConsoleRoutes())

  if (opts.staticRoot && fs.existsSync(path.join(opts.staticRoot, 'index.html'))) {
    await app.register(fastifyStatic, { root: path.resolve(opts.staticRoot), prefix: '/', index: ['index.html'] })
  }

  // the has-ecard persona's card, issued "in another channel" before the story starts
  store.transaction(() => {
    for (const persona of PERSONAS) ensurePreIssuedCard(store, persona, ctx.now())
  })

  return app
}

/** Every error, ours or Fastify's, as `{ code, message }`; never a stack trace. */
function toWireError(error: FastifyError): WireError {
  if (error instanceof ApiError) return error.toBody()
  if (error.validation) {
    // Ajv's messages name the field and the rule, never the value
    return { code: 'VALIDATION_FAILED', message: error.message }
  }
  switch (error.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return { code: 'BODY_TOO_LARGE', message: defaultMessage('BODY_TOO_LARGE') }
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return { code: 'UNSUPPORTED_MEDIA_TYPE', message: defaultMessage('UNSUPPORTED_MEDIA_TYPE') }
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      // not JSON.parse's message: it quotes the body
      return { code: 'VALIDATION_FAILED', message: 'The request body is not valid JSON.' }
  }
  const status = error.statusCode ?? 500
  if (status === 413) return { code: 'BODY_TOO_LARGE', message: defaultMessage('BODY_TOO_LARGE') }
  if (status === 415) return { code: 'UNSUPPORTED_MEDIA_TYPE', message: defaultMessage('UNSUPPORTED_MEDIA_TYPE') }
  if (status === 404) return { code: 'NOT_FOUND', message: defaultMessage('NOT_FOUND') }
  if (status >= 400 && status < 500) return { code: 'VALIDATION_FAILED', message: defaultMessage('VALIDATION_FAILED') }
  return { code: 'INTERNAL', message: defaultMessage('INTERNAL') }
}

/** A route as registered, for suites that must cover every route (test/server/fuzz, authz). */
export interface RegisteredRoute {
  method: string
  url: string
  schema?: {
    operationId?: string
    security?: unknown[]
    body?: unknown
    params?: unknown
    querystring?: unknown
    headers?: unknown
    response?: Record<string, unknown>
    hide?: boolean
  }
}

declare module 'fastify' {
  interface FastifyInstance {
    /** Every route as registered (mock-server/app.ts). */
    routeTable: readonly RegisteredRoute[]
  }
}
