/**
 * The claim's steps as the e2e files drive them, written once. Each function starts where the
 * previous one left the phone, so a test composes the path it needs.
 */
import type { Phone } from './harness'

/** Steps 1 to 4: home, More, City Services, Social Security, then the e-card entry. */
export async function reachEcardEntry(phone: Phone): Promise<void> {
  await phone.tap('open-more')
  await phone.step('apps')
  await phone.tap('open-city-services')
  await phone.step('city-services')
  await phone.tap('open-social-security')
  await phone.step('social-security')
  await phone.tap('open-ecard')
}

/** Step 5: agree on the authorization sheet. */
export async function authorize(phone: Phone): Promise<void> {
  await phone.step('authorize')
  await phone.tap('authorize-agree')
}

/** Step 6: accept the agreement and claim (the caller waits for what follows). */
export async function acceptAgreementAndClaim(phone: Phone): Promise<void> {
  await phone.step('confirm')
  await phone.check('agreement-check')
  await phone.tap('confirm-claim')
}

/** Steps 5 to 7 for an eligible persona: authorize, confirm, land on verify. */
export async function authorizeAndConsent(phone: Phone): Promise<void> {
  await authorize(phone)
  await acceptAgreementAndClaim(phone)
  await phone.step('verify')
}

/** Step 7 to 8: consent to face authentication and open the face stand-in. */
export async function startFace(phone: Phone): Promise<void> {
  await phone.check('consent-check')
  await phone.tap('verify-start')
  await phone.step('face')
}

/** Steps 7 and 8 with a passing face: on to the password page. */
export async function passFace(phone: Phone): Promise<void> {
  await startFace(phone)
  await phone.tap('face-pass')
  await phone.step('password')
}

/** Step 9: the password twice, then Finish (the caller waits for the card or an error). */
export async function enterPasswordAndFinish(phone: Phone, password: string): Promise<void> {
  await phone.typePassword(password)
  await phone.typePassword(password)
  await phone.tap('password-finish')
}

/** Step 9 to the card. */
export async function setPasswordAndFinish(phone: Phone, password: string): Promise<void> {
  await enterPasswordAndFinish(phone, password)
  await phone.step('card')
}
