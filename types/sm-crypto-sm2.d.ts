// sm-crypto's SM2 module on its own (src/crypto.ts imports it to leave SM3/SM4 out of the bundle).
declare module 'sm-crypto/src/sm2' {
  import type { sm2 } from 'sm-crypto'
  const sm2Module: typeof sm2
  export default sm2Module
}
