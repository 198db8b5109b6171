/**
 * Builds the Alipay app once for the `alipay` Jest project (about 15 s); test files find it through
 * ALIPAY_RUNTIME_BUILT. ALIPAY_RUNTIME_SKIP_BUILD=1 reuses an existing build for quick reruns.
 */
import { ensureAlipayBuild } from './harness/build'

export default async function globalSetup(): Promise<void> {
  ensureAlipayBuild()
  // Workers inherit the environment: they need not build again.
  process.env.ALIPAY_RUNTIME_BUILT = '1'
}
