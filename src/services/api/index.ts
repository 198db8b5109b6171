/**
 * The API client: one typed function per endpoint. This file only re-exports, and the build marks it
 * free of side effects (config/index.ts), so an import from here pulls in only the modules that
 * define what the importer uses: the card page, which reads the card and its QR code, loads neither
 * SM2 (passwords.ts) nor the claim's endpoints. Define nothing here: a definition in this file would
 * bring every module below into each importer's bundle. On H5 the client itself (axios) is loaded on
 * the first call (call.h5.ts).
 */
export { ApiError } from './apiError'
export type { ApiErrorDetails, ClientErrorCode } from './apiError'
export { setAuthHooks, API_BASE } from './clientSettings'
export * from './types'
export * from './auth'
export * from './claim'
export * from './card'
export * from './passwords'
export * from './fastPath'
