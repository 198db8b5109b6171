/**
 * The simulator's own pieces, checked against what Taro and the base library do: setData paths,
 * base.axml's event bindings, and the scenario switch the face stand-in follows.
 */
import fs from 'node:fs'
import path from 'node:path'
import { applySetData, parseDataPath, pathToSid, textOf } from './harness/dataTree'
import { pickFaceOutcome } from './harness/my'
import { parseBaseTemplates } from './harness/viewTemplates'
import { alipayRuntimeDist } from './harness/build'

describe('setData paths', () => {
  it('parses both index spellings Taro uses', () => {
    expect(parseDataPath('root.cn.[0].cn[12].v')).toEqual(['root', 'cn', 0, 'cn', 12, 'v'])
    expect(parseDataPath('root.cn[0]')).toEqual(['root', 'cn', 0])
  })

  it('applies updates into the tree, copying values, and reads text back', () => {
    const data: Record<string, unknown> = { root: { cn: [] } }
    const node = { nn: '3', sid: '_a', cn: [{ nn: '9', sid: '_b', v: 'old' }] }
    applySetData(data, { 'root.cn.[0]': node })
    node.cn[0].v = 'mutated after setData'
    applySetData(data, { 'root.cn.[0].cn.[1]': { nn: '9', sid: '_c', v: '!' } })
    const root = data.root as never
    expect(textOf(root)).toBe('old!')
    applySetData(data, { 'root.cn[0].cn[0].v': 'new' })
    expect(textOf(root)).toBe('new!')
    expect(pathToSid(root, '_c').map((n) => n.sid)).toEqual([undefined, '_a', '_c'])
    expect(pathToSid(root, '_missing')).toEqual([])
  })
})

describe('base.axml templates', () => {
  const axml = path.join(alipayRuntimeDist(), 'base.axml')

  // the project's globalSetup builds the Alipay app: no template file is a broken build, not a reason to skip
  it('knows which nodes the view layer forwards taps from, and where a button keeps disabled', () => {
    expect({ file: axml, exists: fs.existsSync(axml) }).toEqual({ file: axml, exists: true })
    const templates = parseBaseTemplates(fs.readFileSync(axml, 'utf8'))
    const button = [...templates.values()].find((t) => t.tag === 'button')
    expect(button?.events.has('tap')).toBe(true)
    expect(button?.attrs.disabled).toMatch(/^p\d+$/)
    // pure and static views bind no events at all
    expect([...templates.values()].some((t) => t.tag === 'view' && t.events.size === 0)).toBe(true)
  })
})

describe('the face stand-in follows GET /api/mock/scenarios', () => {
  it("takes the persona's switch over the global one, and neither when unset", () => {
    const state = { active: true, global: { faceOutcome: 'cancel' }, personas: { 'eligible-wu': { faceOutcome: 'fail' } }, operationIds: [] }
    expect(pickFaceOutcome(state, 'eligible-wu')).toBe('fail')
    expect(pickFaceOutcome(state, 'eligible-zhou')).toBe('cancel')
    expect(pickFaceOutcome({ active: false, global: {}, personas: {}, operationIds: [] }, 'eligible-wu')).toBeUndefined()
    expect(pickFaceOutcome({ global: { faceOutcome: 'maybe' } }, 'eligible-wu')).toBeUndefined()
  })
})
