/**
 * The Text the H5 build swaps in for Taro's (config/h5View.ts): the same <span> as Taro's Text, with
 * the same classes and props, as one component.
 */
import { createRef, type forwardRef } from 'react'
import { render } from '@testing-library/react'

type AnyComponent = ReturnType<typeof forwardRef<HTMLElement, Record<string, unknown>>>
// eslint-disable-next-line @typescript-eslint/no-require-imports
const Text = require('../../config/h5-view/text.js').default as AnyComponent
// eslint-disable-next-line @typescript-eslint/no-require-imports
const TaroText = require('@tarojs/components-react/dist/components/text/index.js').default as AnyComponent

describe("H5's Text", () => {
  it("renders what Taro's Text renders, for every kind of prop", () => {
    const cases: Array<Record<string, unknown>> = [
      {},
      { className: 'card-face__name' },
      { selectable: true },
      { selectable: true, className: 'a b' },
      { selectable: false, className: 'c', 'data-testid': 't', 'aria-label': 'label', role: 'heading', style: { color: 'red' }, id: 'x' },
    ]
    for (const props of cases) {
      const ours = render(<Text {...props}>文本 text</Text>).container.innerHTML
      const taros = render(<TaroText {...props}>文本 text</TaroText>).container.innerHTML
      expect(ours).toBe(taros)
      expect(ours).toContain('<span')
    }
  })

  it('passes events and the ref on to the <span>', () => {
    const ref = createRef<HTMLElement>()
    const onClick = jest.fn()
    const { container } = render(
      <Text ref={ref} className="link" onClick={onClick}>
        go
      </Text>,
    )
    const span = container.firstElementChild as HTMLElement
    expect(span.className).toBe('taro-text link')
    expect(ref.current).toBe(span)
    span.click()
    expect(onClick).toHaveBeenCalledTimes(1)
  })
})
