/**
 * Logging: Fastify's pino logger, one JSON object per line. Three layers keep personal data out:
 * 1. nothing logs bodies, query strings or headers: request logs are our own single line per
 *    request (method, route *pattern*, status, duration, error code: `fixedLines`, whose fixed
 *    fields skip pino, like the card events'); Fastify's are disabled;
 * 2. pino redaction of the field names that would carry secrets, should anyone log an object;
 * 3. the destination itself runs every line through `redactIdNumbers`, the last guard for a full
 *    ID number that slipped into a message.
 */
import os from 'node:os'
import { redactIdNumbers } from '../src/domain/mask'

const SECRET_FIELDS = [
  'authorization',
  'password',
  'encryptedPassword',
  'accessToken',
  'refreshToken',
  'authCode',
  'idNumber',
  'name',
  'holderName',
  'body',
  'query',
  'headers',
]

export interface LineSink {
  write(line: string): void
}

/** The destination every log line goes through: the last guard for a full ID number. */
export function guardedLines(stream: NodeJS.WritableStream): LineSink {
  return {
    write(line: string) {
      stream.write(redactIdNumbers(line))
    },
  }
}

export function loggerOptions(guarded: LineSink, level: string) {
  return {
    level,
    stream: guarded,
    redact: {
      paths: [...SECRET_FIELDS, ...SECRET_FIELDS.map((f) => `*.${f}`)],
      censor: '[redacted]',
    },
    serializers: {
      req: (req: { method?: string; routeOptions?: { url?: string } }) => ({ method: req.method, route: req.routeOptions?.url ?? null }),
      res: (reply: { statusCode: number }) => ({ statusCode: reply.statusCode }),
      err: (err: Error & { code?: string }) => ({
        type: err.name,
        code: err.code,
        message: redactIdNumbers(String(err.message)),
        stack: redactIdNumbers(err.stack ?? ''),
      }),
    },
  }
}

/**
 * For npm start: the lines logged within FLUSH_MS go out in one write to `stream` (or at once
 * when the batch passes 64 KB, and when the process exits). A request's log line then costs no
 * system call of its own, which was a large share of a cheap request; a timer rather than the
 * next turn of the event loop: under load a turn holds one or two requests.
 */
export const FLUSH_MS = 20
export function batchedLines(stream: NodeJS.WritableStream, flushMs = FLUSH_MS): NodeJS.WritableStream {
  let pending = ''
  let timer: NodeJS.Timeout | null = null
  const flush = () => {
    if (timer) clearTimeout(timer)
    timer = null
    if (pending === '') return
    const out = pending
    pending = ''
    stream.write(out)
  }
  process.on('exit', flush)
  const batched = {
    write(line: string) {
      pending += line
      if (pending.length >= 64 * 1024) flush()
      // unref: a pending line never keeps the process alive ('exit' writes it)
      else if (!timer) timer = setTimeout(flush, flushMs).unref()
      return true
    },
  }
  return batched as unknown as NodeJS.WritableStream
}

export interface RequestLine {
  reqId: string
  method: string
  route: string | null
  status: number
  durationMs: number
  errorCode?: string
}

export interface CardEventLine {
  reqId: string
  action: string
  actor: string
  outcome: 'ok' | 'refused'
  code?: string
}

/**
 * The two lines every request or card action writes, in pino's shape (level, time, pid, hostname,
 * reqId, ..., msg) but built as text without pino: their fields are fixed (ids, a route pattern,
 * codes) and carry nothing personal, so pino's redaction pass, the largest cost of a cheap
 * request, has nothing to do on them; nor has the ID-number guard of `guardedLines`: no field can
 * hold eighteen digits in a row (the longest number is the 13-digit time, between `:` and `,`).
 */
export interface FixedLines {
  request(line: RequestLine): void
  cardEvent(line: CardEventLine): void
}

const HOSTNAME = os.hostname()
const INFO = 30

export function fixedLines(sink: LineSink, level: string): FixedLines {
  if (!['trace', 'debug', 'info'].includes(level)) return { request: () => undefined, cardEvent: () => undefined }
  const head = `{"level":${INFO},"time":`
  const who = `,"pid":${process.pid},"hostname":${JSON.stringify(HOSTNAME)},"reqId":`
  // route patterns are few: their JSON is made once
  const routeJson = new Map<string | null, string>()
  const json = (route: string | null) => {
    let out = routeJson.get(route)
    if (out === undefined) routeJson.set(route, (out = JSON.stringify(route)))
    return out
  }
  const code = (c: string | undefined) => (c === undefined ? '' : `,"code":${JSON.stringify(c)}`)
  return {
    request: (l) =>
      sink.write(
        `${head}${Date.now()}${who}${JSON.stringify(l.reqId)},"method":${JSON.stringify(l.method)},"route":${json(l.route)},` +
          `"status":${l.status},"durationMs":${l.durationMs}${l.errorCode === undefined ? '' : `,"errorCode":${JSON.stringify(l.errorCode)}`},"msg":"request"}\n`,
      ),
    cardEvent: (l) =>
      sink.write(
        `${head}${Date.now()}${who}${JSON.stringify(l.reqId)},"cardEvent":{"action":${JSON.stringify(l.action)},"actor":${JSON.stringify(l.actor)},` +
          `"outcome":"${l.outcome}"${code(l.code)}},"msg":"card event"}\n`,
      ),
  }
}

type LogMethod = (...args: unknown[]) => void
type Logger = Record<'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent', LogMethod> & {
  level: string
  child(bindings: object, options?: object): Logger
}

/**
 * Fastify's `childLoggerFactory`: a request's child logger (its reqId binding) is made on first
 * use. Made eagerly, it runs pino's redaction over the bindings on every request, a large share of
 * a cheap request's cost, while most requests never log through it (their line is `fixedLines`'s).
 */
export function lazyChildLogger(logger: Logger, bindings: object, options: object): Logger {
  return new LazyChild(logger, bindings, options)
}

// a class, not closures: nothing is allocated per request beyond the one object
class LazyChild implements Logger {
  private made: Logger | undefined
  constructor(
    private readonly parent: Logger,
    private readonly bindings: object,
    private readonly options: object,
  ) {}
  private get logger(): Logger {
    return (this.made ??= this.parent.child(this.bindings, this.options))
  }
  get level(): string {
    return this.logger.level
  }
  set level(level: string) {
    this.logger.level = level
  }
  fatal(...args: unknown[]) {
    this.logger.fatal(...args)
  }
  error(...args: unknown[]) {
    this.logger.error(...args)
  }
  warn(...args: unknown[]) {
    this.logger.warn(...args)
  }
  info(...args: unknown[]) {
    this.logger.info(...args)
  }
  debug(...args: unknown[]) {
    this.logger.debug(...args)
  }
  trace(...args: unknown[]) {
    this.logger.trace(...args)
  }
  silent(...args: unknown[]) {
    this.logger.silent(...args)
  }
  child(bindings: object, options?: object): Logger {
    return this.logger.child(bindings, options)
  }
}
