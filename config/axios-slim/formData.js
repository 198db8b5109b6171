// Stands in for axios's FormData / URL-encoded body encoders (see config/axiosSlim.ts). The app
// sends JSON text bodies and builds query strings in its adapter, so these are never reached; if
// one is, it fails loudly instead of sending something half-encoded.
export default function formEncodingNotInThisBuild() {
  throw new Error('axios: FormData and URL-encoded bodies are not part of this build; send JSON text')
}
