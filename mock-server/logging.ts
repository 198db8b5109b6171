/**
 * Logging: Fastify's pino logger, one JSON object per line. Three layers keep personal data out:
 * 1. nothing logs bodies, query strings or headers: request logs are our own single line per
 *    request (method, route *pattern*, status, duration, error code); Fastify's are disabled;
 * 2. pino redaction of the field names that would carry secrets, should anyone log an object;
 * 3. the destination itself runs every line through `redactIdNumbers`, the last guard for a full
 *    ID number that slipped into a message.
 */
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

export function loggerOptions(stream: NodeJS.WritableStream, level: string) {
  const guarded = {
    write(line: string) {
      stream.write(redactIdNumbers(line))
    },
  }
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
