/**
 * The View the H5 build swaps in for Taro's (config/h5View.ts): a plain <div> unless the View has a
 * hover class or a long press, which go to Taro's own View (stood in for here).
 */
import { createRef, forwardRef, type Ref } from 'react'
import { render } from '@testing-library/react'

const taroRendered: Array<Record<string, unknown>> = []
jest.mock('@tarojs/components-react/dist/components/view/index.js', () => {
  const { forwardRef: fr, createElement } = jest.requireActual('react') as typeof import('react')
  return {
    __esModule: true,
    default: fr(function TaroView(props: Record<string, unknown>, ref: Ref<HTMLElement>) {
      taroRendered.push(props)
      return createElement('section', { ref, 'data-taro': 'view', className: props.className as string }, props.children as never)
    }),
  }
})

// eslint-disable-next-line @typescript-eslint/no-require-imports
const View = require('../../config/h5-view/view.js').default as ReturnType<typeof forwardRef<HTMLElement, Record<string, unknown>>>

beforeEach(() => {
  taroRendered.length = 0
})

describe("H5's View", () => {
  it("renders a View without a hover class as a bare <div> with the View's own props, and forwards the ref", () => {
    const ref = createRef<HTMLElement>()
    const onClick = jest.fn()
    const { container } = render(
      <View ref={ref} className="card" data-testid="v" role="button" aria-label="go" style={{ color: 'red' }} onClick={onClick} hoverStartTime={10} hoverStayTime={20}>
        <span>inside</span>
      </View>,
    )
    const div = container.firstElementChild as HTMLElement
    expect(div.tagName).toBe('DIV')
    expect(div.className).toBe('card')
    expect(div.getAttribute('data-testid')).toBe('v')
    expect(div.getAttribute('role')).toBe('button')
    expect(div.getAttribute('aria-label')).toBe('go')
    expect(div.style.color).toBe('red')
    expect(div.textContent).toBe('inside')
    // Taro's own timing props are not DOM attributes
    expect(div.hasAttribute('hoverstarttime')).toBe(false)
    expect(div.hasAttribute('hoverStayTime')).toBe(false)
    expect(ref.current).toBe(div)
    div.click()
    expect(onClick).toHaveBeenCalledTimes(1)
    expect(taroRendered).toEqual([])
  })

  it("hands a View with a hover class, or with a long press, to Taro's View with every prop and the ref", () => {
    const ref = createRef<HTMLElement>()
    const onLongPress = jest.fn()
    const { container, rerender } = render(
      <View ref={ref} className="tile" hoverClass="tile--active" hoverStayTime={100}>
        x
      </View>,
    )
    expect(container.firstElementChild?.getAttribute('data-taro')).toBe('view')
    expect(ref.current).toBe(container.firstElementChild)
    expect(taroRendered[0]).toEqual(expect.objectContaining({ className: 'tile', hoverClass: 'tile--active', hoverStayTime: 100 }))

    rerender(<View onLongPress={onLongPress}>y</View>)
    expect(container.firstElementChild?.getAttribute('data-taro')).toBe('view')
    expect(taroRendered[taroRendered.length - 1]).toEqual(expect.objectContaining({ onLongPress }))
  })
})
