// H5's Text (see config/h5View.ts): the <span> Taro's Text renders, with the same classes, as one
// component. Taro's is two (a forwardRef wrapper that copies the props to pass the ref on, then the
// Text, which copies them again); the card page has about thirty.
import { createElement, forwardRef } from 'react'

function Text(props, ref) {
  const span = {}
  for (const key in props) if (key !== 'className' && key !== 'selectable') span[key] = props[key]
  span.className = props.selectable ? 'taro-text taro-text__selectable' : 'taro-text'
  if (props.className) span.className += ` ${props.className}`
  span.ref = ref
  return createElement('span', span)
}

export default forwardRef(Text)
