/** Ajv 8 with formats: the validator the contract suite checks every response with. */
import Ajv, { type ValidateFunction } from 'ajv'
import Ajv2020 from 'ajv/dist/2020'
import addFormats from 'ajv-formats'

export type ValidateFn = ValidateFunction
export type AjvInstance = Ajv

export function ajvVersion(): string {
  return require('ajv/package.json').version
}

export function loadAjv(opts: { draft2020: boolean; warnings: string[] }): AjvInstance {
  const Cls = opts.draft2020 ? Ajv2020 : Ajv
  const ajv = new Cls({
    // OpenAPI adds keywords JSON Schema does not know (example, discriminator, xml, ...)
    strict: false,
    allErrors: true,
    validateFormats: true,
    logger: { log: () => undefined, warn: (...m: unknown[]) => opts.warnings.push(m.join(' ')), error: (...m: unknown[]) => opts.warnings.push(m.join(' ')) },
  })
  addFormats(ajv)
  return ajv
}
