import type { AgreementT, CardT, ClaimT, PersonT } from './api/types'

/**
 * Data a screen already holds, handed to the screen it opens so that one need not ask the server
 * again: the claim an action's answer carried, the person and agreement read during sign-in, the
 * card issuance returned. Each item is taken once and only while fresh, so a later visit or a
 * reload asks the server as before. The server stays the source of truth: everything here is its
 * own answer, seconds old.
 */
interface Slots {
  claim: ClaimT
  person: PersonT
  agreement: AgreementT
  card: CardT
}

const MAX_AGE_MS = 10_000
const slots = new Map<keyof Slots, { value: unknown; at: number }>()

export function handOver<K extends keyof Slots>(key: K, value: Slots[K], now: number = Date.now()): void {
  slots.set(key, { value, at: now })
}

/** The item handed over, if any and fresh; it is gone afterwards. */
export function takeHandedOver<K extends keyof Slots>(key: K, now: number = Date.now()): Slots[K] | undefined {
  const slot = slots.get(key)
  slots.delete(key)
  if (!slot || now - slot.at > MAX_AGE_MS) return undefined
  return slot.value as Slots[K]
}

/** Whether a fresh item is waiting, without taking it. */
export function isHandedOver(key: keyof Slots, now: number = Date.now()): boolean {
  const slot = slots.get(key)
  return slot !== undefined && now - slot.at <= MAX_AGE_MS
}

/** Drops everything (sign-out: nothing of one session reaches the next). */
export function forgetHandedOver(): void {
  slots.clear()
}
