/** A small seeded PRNG (mulberry32), so a failing crash run can be replayed from its printed seed. */
export interface Random {
  /** [0, 1) */
  next(): number
  /** An integer in [min, max] */
  int(min: number, max: number): number
  /** A new generator derived from this seed and `salt` (one per simulated user). */
  fork(salt: number): Random
}

export function seededRandom(seed: number): Random {
  let a = seed >>> 0
  const next = (): number => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
  return {
    next,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    fork: (salt) => seededRandom((Math.imul(seed >>> 0, 31) + Math.imul(salt, 0x9e3779b1)) >>> 0),
  }
}

/** The seed from RESILIENCE_SEED when set (to replay a run), otherwise a fresh one. */
export function runSeed(): number {
  const given = process.env.RESILIENCE_SEED
  if (given !== undefined && given !== '') {
    const seed = Number(given)
    if (!Number.isInteger(seed) || seed < 0 || seed > 0xffffffff) throw new Error(`RESILIENCE_SEED must be an unsigned 32-bit integer, got ${given}`)
    return seed
  }
  return Math.floor(Math.random() * 0xffffffff) >>> 0
}

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms))
