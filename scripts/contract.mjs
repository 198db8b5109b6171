#!/usr/bin/env node
/**
 * `npm run test:contract -- --base-url <API base>`: the contract suite (test/contract) against a
 * gateway. The base URL is the API base, the value TARO_APP_API_BASE has in the app's build
 * (e.g. http://127.0.0.1:8787/api for `npm start`, https://gateway.example.com/ecard/api).
 * Without one (or CONTRACT_BASE_URL), the suite starts this checkout's mock server in-process.
 *
 *   --base-url <url>     the gateway's API base                        (env CONTRACT_BASE_URL)
 *   --auth-code <code>   a fresh one-time auth code of the test user   (env CONTRACT_AUTH_CODE)
 *   --persona <id>       the mock persona of the main flow             (env CONTRACT_PERSONA, default eligible-zhang)
 *   --openapi <src>      reference document: builtin | gateway | URL | file   (env CONTRACT_OPENAPI, default builtin)
 *   --report <file>      also write the coverage as JSON               (env CONTRACT_REPORT)
 *   anything else is passed to Jest (e.g. -t 'bearer')
 */
import { spawn } from 'node:child_process'
import { createRequire } from 'node:module'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const require = createRequire(path.join(root, 'package.json'))

const OPTIONS = {
  '--base-url': 'CONTRACT_BASE_URL',
  '--auth-code': 'CONTRACT_AUTH_CODE',
  '--persona': 'CONTRACT_PERSONA',
  '--openapi': 'CONTRACT_OPENAPI',
  '--report': 'CONTRACT_REPORT',
}

const USAGE = [
  'usage: npm run test:contract -- [--base-url <API base>] [--auth-code <code>] [--persona <id>] [--openapi builtin|gateway|<url>|<file>] [--report <file>] [jest args]',
  '',
  '  --base-url   the gateway API base, as TARO_APP_API_BASE (e.g. http://127.0.0.1:8787/api); omitted: the mock server runs in-process',
  '  --auth-code  a fresh one-time auth code (my.getAuthCode) of the test user; required when the gateway has no /mock stand-ins',
  '  --persona    mock persona for the main flow (default eligible-zhang)',
  '  --openapi    the reference document (default builtin: this checkout\'s mock-server)',
  '  --report     write the coverage (operations, codes documented vs reached) as JSON',
  '',
  'More: CONTRACT_AUTH_CODE_NO_PHYSICAL_CARD, _CARD_SUSPENDED, _MINOR, _HAS_ECARD (test/contract/README.md).',
  '',
].join('\n')
const usage = () => process.stdout.write(USAGE)

const env = { ...process.env }
const jestArgs = []
const argv = process.argv.slice(2)
for (let i = 0; i < argv.length; i++) {
  const arg = argv[i]
  if (arg === '--help' || arg === '-h') {
    usage()
    process.exit(0)
  }
  const [name, inline] = arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined]
  if (name in OPTIONS) {
    const value = inline ?? argv[++i]
    if (value === undefined || value === '' || value.startsWith('--')) {
      console.error(`${name} needs a value\n`)
      usage()
      process.exit(2)
    }
    env[OPTIONS[name]] = value
  } else {
    jestArgs.push(arg)
  }
}

if (env.CONTRACT_BASE_URL) {
  let url
  try {
    url = new URL(env.CONTRACT_BASE_URL)
  } catch {
    console.error(`--base-url is not a URL: ${env.CONTRACT_BASE_URL}`)
    process.exit(2)
  }
  if (!/^https?:$/.test(url.protocol) || url.search || url.hash) {
    console.error(`--base-url must be an http(s) URL without query or fragment: ${env.CONTRACT_BASE_URL}`)
    process.exit(2)
  }
  console.log(`contract suite: gateway ${env.CONTRACT_BASE_URL}`)
} else {
  console.log('contract suite: no --base-url, the mock server is started in-process')
}
if (env.CONTRACT_REPORT) env.CONTRACT_REPORT = path.resolve(env.CONTRACT_REPORT)

const jestBin = require.resolve('jest/bin/jest')
const child = spawn(process.execPath, [jestBin, '--ci', '--selectProjects', 'contract', ...jestArgs], { cwd: root, env, stdio: 'inherit' })
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal))
child.on('exit', (code, signal) => {
  if (env.CONTRACT_REPORT && code !== null) console.log(`contract suite: coverage written to ${env.CONTRACT_REPORT}`)
  process.exit(code ?? (signal ? 1 : 0))
})
