/** A number in [0, 1): the platform's secure random source when there is one. */
export function secureRandom(): number {
  const c = (globalThis as { crypto?: { getRandomValues?: (a: Uint32Array) => Uint32Array } }).crypto
  if (c?.getRandomValues) {
    const buf = new Uint32Array(1)
    c.getRandomValues(buf)
    return buf[0] / 0x100000000
  }
  return Math.random()
}

/** Fisher–Yates: a uniformly shuffled copy. */
export function shuffled<T>(items: readonly T[], random: () => number = secureRandom): T[] {
  const out = items.slice()
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.min(i, Math.floor(random() * (i + 1)))
    const tmp = out[i]
    out[i] = out[j]
    out[j] = tmp
  }
  return out
}

export const DIGITS = ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'] as const
export type Digit = (typeof DIGITS)[number]
