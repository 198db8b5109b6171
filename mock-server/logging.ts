/**
 * Logging: Fastify's pino logger, one JSON object per line. Three layers keep personal data out:
 * 1. nothing logs bodies, query strings or headers: request logs are our own single line per
 *    request (method, route *pattern*, status, duration, error code: `requestLogger`, whose
 *    fixed fields skip pino); Fastify's are disabled;
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
 * For npm start: the lines logged in one turn of the event loop go out in one write to `stream`,
 * on the next turn (or at once when the batch passes 64 KB or the process exits). A request's log
 * line then no longer costs a system call of its own, which was a large share of a cheap request.
 */
export function batchedLines(stream: NodeJS.WritableStream): NodeJS.WritableStream {
  let pending = ''
  let scheduled = false
  const flush = () => {
    scheduled = false
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
      else if (!scheduled) {
        scheduled = true
        setImmediate(flush)
      }
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

const HOSTNAME = os.hostname()

/**
 * The one line per request, in pino's shape (level, time, pid, hostname, reqId, ..., msg) but
 * written without pino: its fields are fixed and carry nothing personal, so pino's redaction pass,
 * the largest cost of a cheap request, has nothing to do on it. It still goes through the ID-number
 * guard of `guardedLines`.
 */
export function requestLogger(guarded: LineSink, enabled: boolean): (line: RequestLine) => void {
  if (!enabled) return () => undefined
  return (line) => {
    guarded.write(
      JSON.stringify({
        level: 30,
        time: Date.now(),
        pid: process.pid,
        hostname: HOSTNAME,
        reqId: line.reqId,
        method: line.method,
        route: line.route,
        status: line.status,
        durationMs: line.durationMs,
        errorCode: line.errorCode,
        msg: 'request',
      }) + '\n',
    )
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
 * a cheap request's cost, while most requests never log through it (their line is `requestLogger`'s).
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
