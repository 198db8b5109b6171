export { AppButton } from './AppButton'
export type { AppButtonProps } from './types'
