import type { CardT } from '../../../services/api'

/** What the QR code carries for now; a later issue replaces it with a short-lived server token. */
export function cardQrPayload(card: Pick<CardT, 'signNo' | 'cardNumber'>): string {
  return `ECARD:${card.signNo}:${card.cardNumber}`
}
