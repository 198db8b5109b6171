// H5's View (see config/h5View.ts). A View with a hover class or a long press is Taro's own, which
// implements them; any other View is the <div> Taro would render, without the three state hooks and
// the after-mount effect Taro's View runs for every element to support a hover class.
import { createElement, forwardRef } from 'react'
import TaroView from '@tarojs/components-react/dist/components/view/index.js'

// Taro's View reads these and does not pass them on to the <div>.
const TARO_ONLY = { hoverStartTime: true, hoverStayTime: true }

function View(props, ref) {
  if (props.hoverClass || props.onLongPress) return createElement(TaroView, Object.assign({}, props, { ref }))
  const div = { ref }
  for (const key in props) if (!TARO_ONLY[key]) div[key] = props[key]
  return createElement('div', div)
}

export default forwardRef(View)
