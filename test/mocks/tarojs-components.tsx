/**
 * A small stand-in for @tarojs/components: each component is a DOM tag, props pass through
 * (data-*, aria-*, role, className, style), Taro-only props are dropped, and the few event shapes
 * Taro gives (Input/Checkbox/Switch `e.detail.value`) are reproduced.
 */
import React, { forwardRef, type ReactNode } from 'react'

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Props = Record<string, any> & { children?: ReactNode }

/** Props that only mean something to Taro's renderers; not valid DOM attributes. */
const TARO_ONLY = new Set([
  'hoverClass',
  'hoverStartTime',
  'hoverStayTime',
  'hoverStopPropagation',
  'mode',
  'lazyLoad',
  'showMenuByLongpress',
  'webp',
  'formType',
  'openType',
  'plain',
  'size',
  'nativeProps',
  'animation',
  'catchMove',
  'compileMode',
  'scrollX',
  'scrollY',
  'scrollTop',
  'scrollLeft',
  'scrollIntoView',
  'scrollWithAnimation',
  'enableBackToTop',
  'userSelect',
  'selectable',
  'decode',
  'space',
  'confirmType',
  'placeholderClass',
  'placeholderStyle',
  'cursorSpacing',
  'adjustPosition',
  'holdKeyboard',
  'password',
  'color',
  'onInput',
  'onConfirm',
  'onFocus',
  'onBlur',
  'onLoad',
  'onError',
  'onTap',
])

function domProps(props: Props): Props {
  const out: Props = {}
  for (const [key, value] of Object.entries(props)) {
    if (key === 'ariaLabel') out['aria-label'] = value
    else if (key === 'loading') out['data-loading'] = value ? 'true' : 'false'
    else if (TARO_ONLY.has(key)) continue
    else out[key] = value
  }
  if (typeof props.onTap === 'function' && !props.onClick) out.onClick = props.onTap
  return out
}

function tag(name: string, displayName: string, extra: Props = {}) {
  const C = forwardRef<HTMLElement, Props>((props, ref) => React.createElement(name, { ...extra, ...domProps(props), ref }))
  C.displayName = displayName
  return C
}

export const View = tag('div', 'View')
export const Text = tag('span', 'Text')
export const Label = tag('label', 'Label')
export const Form = tag('form', 'Form')
export const ScrollView = tag('div', 'ScrollView')
export const Swiper = tag('div', 'Swiper')
export const SwiperItem = tag('div', 'SwiperItem')
export const CoverView = tag('div', 'CoverView')
export const CoverImage = tag('img', 'CoverImage')
export const RichText = tag('div', 'RichText')
export const Icon = tag('i', 'Icon')
export const Progress = tag('progress', 'Progress')
export const Navigator = tag('a', 'Navigator')
export const Video = tag('video', 'Video')
export const Camera = tag('div', 'Camera')
export const Canvas = tag('canvas', 'Canvas')
export const Image = tag('img', 'Image')
export const Button = tag('button', 'Button', { type: 'button' })

export function Block({ children }: { children?: ReactNode }) {
  return <>{children}</>
}

function detailEvent<T>(value: T) {
  return { type: 'change', detail: { value }, target: {}, currentTarget: {}, preventDefault() {}, stopPropagation() {} }
}

type FieldProps = Props & {
  value?: string
  onInput?: (e: ReturnType<typeof detailEvent<string>>) => void
  onChange?: (e: ReturnType<typeof detailEvent<string>>) => void
  onConfirm?: (e: ReturnType<typeof detailEvent<string>>) => void
  password?: boolean
}

/** Taro's Input: `onInput` / `onChange` receive `{ detail: { value } }`. */
export const Input = forwardRef<HTMLInputElement, FieldProps>(function Input(props, ref) {
  const { onInput, onChange, onConfirm, password, type, ...rest } = props
  return (
    <input
      {...(domProps(rest) as Record<string, unknown>)}
      ref={ref}
      type={password ? 'password' : (type as string) ?? 'text'}
      onChange={(e) => {
        onInput?.(detailEvent(e.target.value))
        onChange?.(detailEvent(e.target.value))
      }}
      onKeyDown={(e) => {
        if (e.key === 'Enter') onConfirm?.(detailEvent((e.target as HTMLInputElement).value))
      }}
    />
  )
})

export const Textarea = forwardRef<HTMLTextAreaElement, FieldProps>(function Textarea(props, ref) {
  const { onInput, onChange, ...rest } = props
  return (
    <textarea
      {...(domProps(rest) as Record<string, unknown>)}
      ref={ref}
      onChange={(e) => {
        onInput?.(detailEvent(e.target.value))
        onChange?.(detailEvent(e.target.value))
      }}
    />
  )
})

type CheckProps = Props & { value?: string; checked?: boolean; onChange?: (e: ReturnType<typeof detailEvent<unknown>>) => void }

/** Taro's Checkbox: `onChange` receives `{ detail: { value: string[] } }` (the checked values). */
export const Checkbox = forwardRef<HTMLInputElement, CheckProps>(function Checkbox(props, ref) {
  const { onChange, value, checked, ...rest } = props
  return (
    <input
      {...(domProps(rest) as Record<string, unknown>)}
      ref={ref}
      type="checkbox"
      value={value}
      checked={checked ?? false}
      onChange={(e) => onChange?.(detailEvent(e.target.checked ? [value ?? ''] : []))}
    />
  )
})

export const CheckboxGroup = tag('div', 'CheckboxGroup')
export const Radio = forwardRef<HTMLInputElement, CheckProps>(function Radio(props, ref) {
  const { onChange, value, checked, ...rest } = props
  return <input {...(domProps(rest) as Record<string, unknown>)} ref={ref} type="radio" value={value} checked={checked ?? false} onChange={() => onChange?.(detailEvent(value))} />
})
export const RadioGroup = tag('div', 'RadioGroup')

/** Taro's Switch: `onChange` receives `{ detail: { value: boolean } }`. */
export const Switch = forwardRef<HTMLInputElement, CheckProps>(function Switch(props, ref) {
  const { onChange, checked, ...rest } = props
  return <input {...(domProps(rest) as Record<string, unknown>)} ref={ref} type="checkbox" role="switch" checked={checked ?? false} onChange={(e) => onChange?.(detailEvent(e.target.checked))} />
})
