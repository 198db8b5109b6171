/** GET /crypto/public-key: the SM2 key the app encrypts the card password with. */
import type { FastifyPluginAsync } from 'fastify'
import type { AppContext } from '../context'
import { PublicKey, type PublicKeyT } from '../schemas/api'
import { described, errorResponses } from './responses'

export function cryptoRoutes(ctx: AppContext): FastifyPluginAsync {
  return async (app) => {
    app.get(
      '/crypto/public-key',
      {
        schema: {
          operationId: 'getPublicKey',
          summary: "The server's SM2 public key for encrypting the password (cipher mode 1 = C1C3C2)",
          tags: ['crypto'],
          response: { 200: described(PublicKey, 'The public key'), ...errorResponses() },
        },
      },
      async (): Promise<PublicKeyT> => {
        const key = ctx.store.serverKey()
        return { algorithm: 'SM2', keyId: key.keyId, publicKey: key.publicKey, cipherMode: 1 }
      },
    )
  }
}
