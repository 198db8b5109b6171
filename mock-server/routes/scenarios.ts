/**
 * QA scenarios (mock only): the switches the hooks in mock-server/scenarios apply. Used by the QA
 * console (/qa) and the end-to-end tests alike. Every switch is off unless set.
 */
import type { Static } from '@sinclair/typebox'
import type { FastifyPluginAsync } from 'fastify'
import type { Qa } from '../scenarios'
import { ScenarioPatch, ScenarioScopeQuery, ScenarioSet, ScenarioState, type ScenarioStateT } from '../schemas/api'
import { described, errorResponses } from './responses'

const MOCK = ['mock']
const JSON_ERRORS = ['BODY_TOO_LARGE', 'UNSUPPORTED_MEDIA_TYPE'] as const

const SWITCHES =
  'Switches: faceOutcome (pass|fail|cancel|timeout: the platform\'s face result whatever the H5 stand-in says); latencyMs (delay by ' +
  'operationId, `*` = every API route but /api/mock/*); injectOnce ({ operationId, kind: 5xx|5xx-after-commit|timeout|malformed, holdMs }, ' +
  'consumed by the first matching call); clockOffsetMs (added to the server clock). `global` applies to every call; `personas.<id>` only to ' +
  "that persona's calls (its bearer token; for mockAuthCode and exchangeToken, its code; for the face stand-in, its certification), and " +
  'overrides the global switches field by field. Every injected fault shows in GET /api/mock/events.'

export function scenarioRoutes(qa: Qa): FastifyPluginAsync {
  return async (app) => {
    app.get(
      '/mock/scenarios',
      {
        schema: {
          operationId: 'getScenarios',
          summary: 'The QA scenarios in force (fault and outcome switches)',
          description: SWITCHES,
          tags: MOCK,
          response: { 200: described(ScenarioState, 'The scenarios, and the operationIds they can name'), ...errorResponses() },
        },
      },
      async (): Promise<ScenarioStateT> => qa.scenarios.snapshot(),
    )

    app.put<{ Body: Static<typeof ScenarioSet> }>(
      '/mock/scenarios',
      {
        schema: {
          operationId: 'replaceScenarios',
          summary: 'Replace every QA scenario (what is not given is off)',
          description: SWITCHES,
          tags: MOCK,
          body: ScenarioSet,
          response: { 200: described(ScenarioState, 'The scenarios now in force'), ...errorResponses('PERSONA_NOT_FOUND', ...JSON_ERRORS) },
        },
      },
      async (request): Promise<ScenarioStateT> => {
        qa.scenarios.replace(request.body)
        request.log.info({ scenarios: summary(qa.scenarios.snapshot()) }, 'scenarios replaced')
        return qa.scenarios.snapshot()
      },
    )

    app.patch<{ Body: Static<typeof ScenarioPatch> }>(
      '/mock/scenarios',
      {
        schema: {
          operationId: 'mergeScenarios',
          summary: 'Change some QA scenarios: a switch given replaces it, null turns it off',
          description:
            `${SWITCHES} latencyMs merges by operationId (null removes one); \`global: null\` or \`personas: { <id>: null }\` clears that scope.`,
          tags: MOCK,
          body: ScenarioPatch,
          response: { 200: described(ScenarioState, 'The scenarios now in force'), ...errorResponses('PERSONA_NOT_FOUND', ...JSON_ERRORS) },
        },
      },
      async (request): Promise<ScenarioStateT> => {
        qa.scenarios.merge(request.body)
        request.log.info({ scenarios: summary(qa.scenarios.snapshot()) }, 'scenarios changed')
        return qa.scenarios.snapshot()
      },
    )

    app.delete<{ Querystring: Static<typeof ScenarioScopeQuery> }>(
      '/mock/scenarios',
      {
        schema: {
          operationId: 'clearScenarios',
          summary: 'Every QA scenario off (or, with personaId, that persona\'s only)',
          tags: MOCK,
          querystring: ScenarioScopeQuery,
          // a DELETE may carry a body (Fastify parses it, then nothing reads it): its size and type are still checked
          response: { 200: described(ScenarioState, 'The scenarios now in force'), ...errorResponses('PERSONA_NOT_FOUND', ...JSON_ERRORS) },
        },
      },
      async (request): Promise<ScenarioStateT> => {
        qa.scenarios.clear(request.query.personaId)
        request.log.info({ scenarios: summary(qa.scenarios.snapshot()) }, 'scenarios cleared')
        return qa.scenarios.snapshot()
      },
    )
  }
}

/** For the log line: which scopes have which switches (names only). */
function summary(state: ScenarioStateT): Record<string, string[]> {
  const out: Record<string, string[]> = { global: Object.keys(state.global) }
  for (const [id, s] of Object.entries(state.personas)) out[id] = Object.keys(s)
  return out
}
