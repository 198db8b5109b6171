/**
 * The endpoints' way to the API client. Mini-programs (Alipay) load it with the page, statically:
 * dynamic import is not reliable in their builds. H5 resolves call.h5.ts instead, which loads the
 * client on the first call.
 */
export { call } from './client'
