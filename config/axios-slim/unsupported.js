// Stands in for parts of axios's public API the app does not use (see config/axiosSlim.ts):
// CancelToken (the app has no cancellation), and getUri's query-string builder (the app's adapter
// builds its own query string). Using one fails loudly instead of behaving differently.
export default function notInThisBuild() {
  throw new Error('axios: this feature is not part of this build (config/axiosSlim.ts)')
}
notInThisBuild.source = notInThisBuild
