/**
 * What globalSetup found out before the tests are collected: the gateway's API base, the
 * reference document, and whether the gateway has the mock stand-ins. The test file reads it
 * synchronously, so tests are registered (or not) from facts, never skipped by hand.
 */
import fs from 'node:fs'
import type { Json } from './openapi'

export interface PersonaSummary {
  id: string
  name: string
  traits: string[]
}

export interface Runtime {
  /** The API base, no trailing slash: the value TARO_APP_API_BASE would have (…/api on the mock). */
  baseUrl: string
  target: 'in-process' | 'external'
  /** Where the reference document came from. */
  docSource: string
  doc: Json
  mock: {
    /** The gateway answers the mock stand-ins (personas, auth codes, face outcome). */
    available: boolean
    /** What the probe saw, for the printed explanation. */
    probe: string
    personas: PersonaSummary[]
    /** The gateway answers the QA scenarios (GET /mock/scenarios): clock offset, injected faults. */
    scenarios: boolean
    /** What the scenarios probe saw. */
    scenariosProbe: string
  }
}

export const RUNTIME_ENV = 'CONTRACT_RUNTIME_FILE'

export function readRuntime(): Runtime {
  const file = process.env[RUNTIME_ENV]
  if (!file || !fs.existsSync(file)) {
    throw new Error(
      `${RUNTIME_ENV} is not set: run the contract suite through its Jest project (npm run test:contract, or jest --selectProjects contract), ` +
        'whose globalSetup (test/contract/globalSetup.ts) finds the gateway and the document first',
    )
  }
  return JSON.parse(fs.readFileSync(file, 'utf8')) as Runtime
}

/** The settings an integrator passes, all optional except where the gateway has no stand-ins. */
export const settings = {
  /** A fresh one-time auth code (my.getAuthCode) for the test user; required without stand-ins. */
  authCode: (): string | undefined => process.env.CONTRACT_AUTH_CODE?.trim() || undefined,
  /** The mock persona for the main flow. */
  persona: (): string => process.env.CONTRACT_PERSONA?.trim() || 'eligible-zhang',
  /** Auth codes for users with a trait, on a gateway without stand-ins (e.g. CONTRACT_AUTH_CODE_MINOR). */
  traitAuthCode: (envSuffix: string): string | undefined => process.env[`CONTRACT_AUTH_CODE_${envSuffix}`]?.trim() || undefined,
  timeoutMs: (): number => Number(process.env.CONTRACT_TIMEOUT_MS ?? 15000),
  reportFile: (): string | undefined => process.env.CONTRACT_REPORT?.trim() || undefined,
  /** How many token requests the suite may send to find the gateway's per-IP limit (TOKEN_RATE_LIMITED). */
  rateLimitProbe: (): number => Number(process.env.CONTRACT_RATE_LIMIT_PROBE ?? 300),
}
