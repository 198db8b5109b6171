/** The H5 build's View and Text swaps (config/h5View.ts): every import of Taro's View gets the light one, except the light one's own; every import of Taro's Text the light Text. */
import path from 'node:path'
import { LIGHT_TEXT, LIGHT_VIEW, h5TextReplacement, h5ViewReplacement } from '../../config/h5View'

const taroView = path.join(path.dirname(require.resolve('@tarojs/components-react/package.json')), 'dist', 'components', 'view', 'index.js')
const resolved = (issuer: string) => ({ contextInfo: { issuer }, createData: { resource: taroView, request: `/loaders/babel.js!${taroView}`, userRequest: taroView } })

describe('h5ViewReplacement', () => {
  const [pattern, replace] = h5ViewReplacement()

  it("matches the installed Taro View module, and no other of Taro's components", () => {
    expect(pattern.test(taroView)).toBe(true)
    expect(pattern.test(taroView.replace(`${path.sep}view${path.sep}`, `${path.sep}text${path.sep}`))).toBe(false)
  })

  it("sends Taro's own imports of its View to the light View, renaming the module so the two stay apart", () => {
    const data = resolved(path.join(path.dirname(taroView), '..', '..', 'index.js'))
    replace(data)
    expect(data.createData).toEqual({ resource: LIGHT_VIEW, request: `/loaders/babel.js!${LIGHT_VIEW}`, userRequest: LIGHT_VIEW })
  })

  it("leaves the light View's own import of Taro's View alone", () => {
    const data = resolved(LIGHT_VIEW)
    replace(data)
    expect(data.createData.resource).toBe(taroView)
    expect(data.createData.request).toBe(`/loaders/babel.js!${taroView}`)
  })
})

describe('h5TextReplacement', () => {
  const taroText = path.join(path.dirname(taroView), '..', 'text', 'index.js')
  const [pattern, replace] = h5TextReplacement()

  it("matches the installed Taro Text module, and no other of Taro's components", () => {
    expect(pattern.test(taroText)).toBe(true)
    expect(pattern.test(taroView)).toBe(false)
  })

  it('sends every import of Taro\'s Text to the light Text, renamed', () => {
    const data = { contextInfo: { issuer: path.join(path.dirname(taroView), '..', '..', 'index.js') }, createData: { resource: taroText, request: `/loaders/babel.js!${taroText}`, userRequest: taroText } }
    replace(data)
    expect(data.createData).toEqual({ resource: LIGHT_TEXT, request: `/loaders/babel.js!${LIGHT_TEXT}`, userRequest: LIGHT_TEXT })
  })
})
