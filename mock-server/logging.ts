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
