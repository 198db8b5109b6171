import { existsSync } from 'node:fs'
import { dirname, join } from 'node:path'

/**
 * axios stays the HTTP client, but most of its bytes are transports and body encoders the app never
 * runs: every request goes through the app's adapter over Taro.request with a JSON text body. These
 * modules of axios/lib are swapped at build time for the stubs in config/axios-slim/ (about 31 KB
 * minified less in the ecard subpackage; docs/benchmarks.md). axios's own tests do not run on the
 * stubbed build; the app's do: the Alipay runtime test and the H5 e2e suite go through it.
 */
export const AXIOS_STUBS: ReadonlyArray<{ module: string; stub: string }> = [
  // Transports: XMLHttpRequest and fetch (Node's http is already swapped out by axios's browser field).
  { module: 'adapters/xhr.js', stub: 'transport.js' },
  { module: 'adapters/fetch.js', stub: 'transport.js' },
  // FormData, multipart and x-www-form-urlencoded encoding.
  { module: 'helpers/toFormData.js', stub: 'formData.js' },
  { module: 'helpers/toURLEncodedForm.js', stub: 'formData.js' },
  { module: 'helpers/formDataToJSON.js', stub: 'formData.js' },
  // Public API the app does not use: cancel tokens, and getUri's query-string builder with its
  // URLSearchParams stand-in (the adapter builds the query string itself).
  { module: 'cancel/CancelToken.js', stub: 'unsupported.js' },
  { module: 'helpers/buildURL.js', stub: 'unsupported.js' },
  { module: 'helpers/AxiosURLSearchParams.js', stub: 'unsupported.js' },
]

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

/** [pattern of the resolved axios module, absolute stub path]; throws when axios no longer has a module (an upgrade moved it). */
export function axiosStubReplacements(): Array<[RegExp, string]> {
  const lib = join(dirname(require.resolve('axios/package.json')), 'lib')
  return AXIOS_STUBS.map(({ module, stub }) => {
    if (!existsSync(join(lib, module))) throw new Error(`config/axiosSlim.ts: axios has no lib/${module} any more; review AXIOS_STUBS for this axios version`)
    const pattern = new RegExp(`[\\\\/]axios[\\\\/]lib[\\\\/]${module.split('/').map(escape).join('[\\\\/]')}$`)
    return [pattern, join(__dirname, 'axios-slim', stub)]
  })
}
