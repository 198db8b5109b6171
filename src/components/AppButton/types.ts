import type { ReactNode } from 'react'

/** What the app asks of a button, on every platform. */
export interface AppButtonProps {
  className?: string
  testId: string
  children: ReactNode
  onClick: () => void
  /** Taro's small inline button. */
  size?: 'mini'
  disabled?: boolean
  /** Shows a spinner before the label. */
  loading?: boolean
  ariaLabel?: string
  ariaDisabled?: boolean
  ariaBusy?: boolean
}
