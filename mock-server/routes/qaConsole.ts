/**
 * The QA console at /qa: plain HTML, CSS and JS from mock-server/qa-console (no build step). It
 * runs the app in a phone frame and drives the mock-only API: personas, scenarios, the live log.
 * Not part of the API (kept out of the OpenAPI document).
 */
import fs from 'node:fs'
import path from 'node:path'
import type { FastifyPluginAsync, FastifyReply } from 'fastify'

export const QA_CONSOLE_DIR = path.join(__dirname, '..', 'qa-console')

const FILES: Record<string, { file: string; type: string }> = {
  '/qa': { file: 'index.html', type: 'text/html; charset=utf-8' },
  '/qa/': { file: 'index.html', type: 'text/html; charset=utf-8' },
  '/qa/console.js': { file: 'console.js', type: 'text/javascript; charset=utf-8' },
  '/qa/console.css': { file: 'console.css', type: 'text/css; charset=utf-8' },
}

// scripts and styles from this origin only; the phone frame shows the app from this origin too
const CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; frame-src 'self'; base-uri 'none'; form-action 'none'"

export function qaConsoleRoutes(dir: string = QA_CONSOLE_DIR): FastifyPluginAsync {
  return async (app) => {
    for (const [url, { file, type }] of Object.entries(FILES)) {
      app.get(url, { schema: { hide: true } }, async (_request, reply: FastifyReply) => {
        // read on each request: the console is edited without restarting the server
        const body = await fs.promises.readFile(path.join(dir, file), 'utf8')
        reply.header('cache-control', 'no-store').header('content-security-policy', CSP).type(type)
        return body
      })
    }
  }
}
