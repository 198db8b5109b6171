export * from './types'
export * from './law'
export * from './checklist'
export * from './routes'
