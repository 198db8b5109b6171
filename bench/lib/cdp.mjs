/**
 * A minimal Chrome DevTools Protocol client over Chromium's debugging pipe (fds 3 and 4, one JSON
 * message per NUL), for the LCP benchmark: it enables only the domains a measurement asks for.
 * Playwright enables the Network domain on every page it drives, and with it Chromium captures a
 * JavaScript stack for each request's initiator, which makes V8 re-parse every function on the
 * stack to find source positions: a cost only DevTools pays, and only a page that requests while it
 * loads (docs/benchmarks.md, LCP eighth round).
 */
import { spawn } from 'node:child_process'

export async function launchChromium(executablePath, args) {
  const child = spawn(executablePath, [...args, '--remote-debugging-pipe', 'about:blank'], { stdio: ['ignore', 'ignore', 'pipe', 'pipe', 'pipe'] })
  child.stderr.resume()
  const toBrowser = child.stdio[3]
  const fromBrowser = child.stdio[4]
  let nextId = 1
  const pending = new Map()
  const listeners = new Set()
  let buffer = ''
  fromBrowser.setEncoding('utf8')
  fromBrowser.on('data', (chunk) => {
    buffer += chunk
    for (let end = buffer.indexOf('\0'); end >= 0; end = buffer.indexOf('\0')) {
      const message = JSON.parse(buffer.slice(0, end))
      buffer = buffer.slice(end + 1)
      if (message.id !== undefined) {
        const call = pending.get(message.id)
        pending.delete(message.id)
        if (message.error) call?.reject(new Error(`${call.method}: ${message.error.message}`))
        else call?.resolve(message.result)
      } else for (const listener of listeners) listener(message)
    }
  })
  const exited = new Promise((resolve) => child.once('exit', resolve))
  child.once('exit', () => {
    for (const call of pending.values()) call.reject(new Error(`Chromium exited during ${call.method}`))
    pending.clear()
  })

  /** Sends a command (to the browser, or to an attached target's `sessionId`); resolves with its result. */
  function send(method, params = {}, sessionId) {
    const id = nextId++
    toBrowser.write(JSON.stringify({ id, method, params, ...(sessionId ? { sessionId } : {}) }) + '\0')
    return new Promise((resolve, reject) => pending.set(id, { resolve, reject, method }))
  }

  /** Resolves with the first event named `method` (of `sessionId`) that `match` accepts, within `ms`. */
  function waitFor(method, sessionId, match = () => true, ms = 60_000) {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        listeners.delete(listener)
        reject(new Error(`no ${method} within ${ms / 1000} s`))
      }, ms)
      const listener = (message) => {
        if (message.method !== method || (sessionId && message.sessionId !== sessionId) || !match(message.params)) return
        clearTimeout(timer)
        listeners.delete(listener)
        resolve(message.params)
      }
      listeners.add(listener)
    })
  }

  /** Calls `fn` with every event named `method` (of `sessionId`) until the returned function is called. */
  function on(method, sessionId, fn) {
    const listener = (message) => {
      if (message.method === method && (!sessionId || message.sessionId === sessionId)) fn(message.params)
    }
    listeners.add(listener)
    return () => listeners.delete(listener)
  }

  /** A page (tab) of a context, attached: `page.send` talks to it. */
  async function newPage(browserContextId) {
    const { targetId } = await send('Target.createTarget', { url: 'about:blank', browserContextId })
    const { sessionId } = await send('Target.attachToTarget', { targetId, flatten: true })
    return {
      sessionId,
      send: (method, params) => send(method, params, sessionId),
      waitFor: (method, match, ms) => waitFor(method, sessionId, match, ms),
      on: (method, fn) => on(method, sessionId, fn),
      /** The value of an expression (a promise is awaited); throws what the page threw. */
      async evaluate(expression) {
        const { result, exceptionDetails } = await send('Runtime.evaluate', { expression, awaitPromise: true, returnByValue: true }, sessionId)
        if (exceptionDetails) throw new Error(`page: ${exceptionDetails.exception?.description ?? exceptionDetails.text}`)
        return result.value
      },
      close: () => send('Target.closeTarget', { targetId }),
    }
  }

  /** A fresh browser context: its own storage and cache, like a new incognito profile. */
  async function newContext() {
    const { browserContextId } = await send('Target.createBrowserContext', { disposeOnDetach: true })
    return {
      newPage: () => newPage(browserContextId),
      close: () => send('Target.disposeBrowserContext', { browserContextId }),
    }
  }

  async function close() {
    try {
      await Promise.race([send('Browser.close'), exited])
    } catch {
      // already gone
    }
    if (child.exitCode === null) child.kill('SIGKILL')
    await exited
  }

  return { newContext, close, send }
}
