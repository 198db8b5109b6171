/** Card numbers and the card as it goes on the wire. */
import { randomBytes, randomInt } from 'node:crypto'
import { maskCardNumber, maskIdNumber, maskName } from '../src/domain/mask'
import { recordAudit } from './audit'
import type { CardT } from './schemas/api'
import type { Persona } from './personas'
import type { CardRow, NewCard, Store } from './store'
import { addYearsYmd, chinaYmd } from './time'

export const CARD_VALIDITY_YEARS = 10
const LETTERS = 'ABCDEFGHJKLMNPQRSTUVWXYZ'

/** Nine characters like the national social security card number: a letter and eight digits. */
export function newCardNumber(store: Store): string {
  for (;;) {
    const candidate = LETTERS[randomInt(LETTERS.length)] + String(randomInt(100_000_000)).padStart(8, '0')
    if (!store.cardNumberTaken(candidate)) return candidate
  }
}

/** The card to issue now; call inside the issuing transaction (card number uniqueness). */
export function newCard(store: Store, persona: Persona, now: number): NewCard {
  const issueDate = chinaYmd(now)
  return {
    personaId: persona.id,
    cardNumber: newCardNumber(store),
    signNo: persona.aab301 + issueDate + randomBytes(9).toString('hex').toUpperCase(),
    signSeq: String(store.countCards(persona.id) + 1).padStart(2, '0'),
    signLevel: 1,
    aab301: persona.aab301,
    issueDate,
    validUntil: addYearsYmd(issueDate, CARD_VALIDITY_YEARS),
    status: 'active',
    channel: 'alipay',
    createdAt: now,
  }
}

/**
 * Puts the has-ecard persona's card from the fixture in place when the store has never had it (a new
 * database, or after the mock reset wiped the persona). Once the person unbound it, it stays unbound:
 * its number is taken, and a new claim issues a new card.
 */
export function ensurePreIssuedCard(store: Store, persona: Persona, now: number): void {
  const pre = persona.preIssuedCard
  if (!pre || store.cardNumberTaken(pre.cardNumber) || store.activeCard(persona.id)) return
  const card = store.insertCard({
    personaId: persona.id,
    cardNumber: pre.cardNumber,
    signNo: pre.signNo,
    signSeq: pre.signSeq,
    signLevel: 1,
    aab301: persona.aab301,
    issueDate: pre.issueDate,
    validUntil: pre.validUntil,
    status: 'active',
    channel: 'other',
    createdAt: now,
  })
  recordAudit(store, { card, actor: 'system', action: 'issued' }, now)
}

/** The card as every response but the reveal shows it: name and ID number masked. */
export function toWireCard(card: CardRow, persona: Persona): CardT {
  return {
    cardNumber: card.cardNumber,
    cardNumberMasked: maskCardNumber(card.cardNumber),
    holderName: maskName(persona.name),
    idNumberMasked: maskIdNumber(persona.idNumber),
    aab301: card.aab301,
    regionName: { ...persona.regionName },
    signNo: card.signNo,
    signSeq: card.signSeq,
    signLevel: card.signLevel,
    issueDate: card.issueDate,
    validUntil: card.validUntil,
    status: card.status,
  }
}
