/**
 * The app's QR encoder (src/domain/qr) against qrcode-generator, the library it replaced: for the
 * same text, version and mask both must give the same module matrix, and the same GIF bytes. The
 * library picks its mask by its own scoring; we read that mask from its format information and ask
 * ours for it. Our own mask choice (ISO penalty) is checked on hand-counted matrices, and the
 * encoder's eight-at-once scoring against a rule-by-rule scorer of one matrix.
 */
import qrcode from 'qrcode-generator'
import { encodeQr, qrGifDataUrl, qrPenalties, QR_MAX_VERSION, type QrMatrix } from '../../src/domain/qr'

/** A small seeded generator, so every run checks the same inputs. */
function random(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}
const next = random(20261126)
const pick = (alphabet: string, n: number) => Array.from({ length: n }, () => alphabet[Math.floor(next() * alphabet.length)]).join('')
const B64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'
const PRINTABLE = Array.from({ length: 95 }, (_, i) => String.fromCharCode(32 + i)).join('')

/** Tokens shaped like the server's (q1.<22>.<43>: 69 bytes), and printable text of every length a level-M version 1-10 holds. */
const INPUTS = [
  ...Array.from({ length: 120 }, () => `q1.${pick(B64URL, 22)}.${pick(B64URL, 43)}`),
  '',
  ...Array.from({ length: 213 }, (_, i) => pick(PRINTABLE, i + 1)),
]

function reference(text: string) {
  const qr = qrcode(0, 'M')
  qr.addData(text)
  qr.make()
  return qr
}

/** The 15 format bits around the top-left finder (bit i as both encoders place it), decoded: [level bits, mask]. */
function formatOf(size: number, isDark: (r: number, c: number) => boolean): [number, number] {
  let bits = 0
  for (let i = 0; i < 15; i++) {
    const row = i < 6 ? i : i < 8 ? i + 1 : size - 15 + i
    if (isDark(row, 8)) bits |= 1 << i
  }
  const data = (bits ^ 0x5412) >>> 10
  return [data >>> 3, data & 7]
}

/**
 * The mask penalty of ISO/IEC 18004 7.8.3.1 (runs, 2x2 blocks, finder-like patterns, dark balance)
 * of one matrix, rule by rule as the standard words it: the oracle for the encoder's qrPenalties,
 * which scores eight matrices at once with bitwise operations.
 */
function penaltyOf(modules: Uint8Array, size: number): number {
  let penalty = 0
  let dark = 0
  const at = new Uint8Array(size)
  for (let line = 0; line < size; line++) {
    for (let axis = 0; axis < 2; axis++) {
      for (let k = 0; k < size; k++) at[k] = modules[axis ? k * size + line : line * size + k]
      // Runs of five or more modules of one colour: 3, plus 1 per module beyond five.
      for (let k = 1, run = 1; k <= size; k++) {
        if (k < size && at[k] === at[k - 1]) run++
        else {
          if (run >= 5) penalty += run - 2
          run = 1
        }
      }
      // Dark-light-dark-dark-dark-light-dark (1:1:3:1:1) with four light modules before or after it.
      for (let k = 0; k + 6 < size; k++) {
        if (!(at[k] && !at[k + 1] && at[k + 2] && at[k + 3] && at[k + 4] && !at[k + 5] && at[k + 6])) continue
        let lightBefore = true
        let lightAfter = true
        for (let d = 1; d <= 4; d++) {
          if (k - d >= 0 && at[k - d]) lightBefore = false
          if (k + 6 + d < size && at[k + 6 + d]) lightAfter = false
        }
        if (lightBefore || lightAfter) penalty += 40
      }
    }
    for (let k = 0; k < size; k++) {
      const m = modules[line * size + k]
      dark += m
      // 2x2 blocks of one colour.
      if (line + 1 < size && k + 1 < size && m === modules[line * size + k + 1] && m === modules[(line + 1) * size + k] && m === modules[(line + 1) * size + k + 1]) penalty += 3
    }
  }
  // 10 per full 5% that the dark share strays from 50%.
  const total = size * size
  return penalty + Math.floor((Math.abs(dark * 2 - total) * 10) / total) * 10
}

const matrixOf = (qr: QrMatrix) => (r: number, c: number) => qr.modules[r * qr.size + c] === 1

describe('QR encoder (byte mode, level M)', () => {
  it('gives qrcode-generator\'s module matrix for the same version and mask, for every input', () => {
    const masksSeen = new Set<number>()
    const versionsSeen = new Set<number>()
    for (const text of INPUTS) {
      const ref = reference(text)
      const size = ref.getModuleCount()
      const [level, mask] = formatOf(size, (r, c) => ref.isDark(r, c))
      expect(level).toBe(0) // M
      const ours = encodeQr(text, { mask })
      expect({ text, size: ours.size }).toEqual({ text, size })
      const differing: string[] = []
      for (let r = 0; r < size; r++) for (let c = 0; c < size; c++) if (ref.isDark(r, c) !== (ours.modules[r * size + c] === 1)) differing.push(`${r},${c}`)
      expect({ text, mask, differing }).toEqual({ text, mask, differing: [] })
      masksSeen.add(mask)
      versionsSeen.add(ours.version)
    }
    // The inputs reach every mask pattern and every version, so each was compared.
    expect([...masksSeen].sort()).toEqual([0, 1, 2, 3, 4, 5, 6, 7])
    expect([...versionsSeen].sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10])
  })

  it('draws the same GIF bytes as qrcode-generator for the same matrix', () => {
    const same = (text: string, cell: number, margin: number) => {
      const ref = reference(text)
      const [, mask] = formatOf(ref.getModuleCount(), (r, c) => ref.isDark(r, c))
      expect(qrGifDataUrl(encodeQr(text, { mask }), cell, margin)).toBe(ref.createDataURL(cell, margin))
    }
    // The card page's size (6 px a module, 2 px margin) for tokens; small images for every version;
    // the largest images (version 10 at 10 px: the LZW table fills up) for a few.
    for (const text of INPUTS.slice(0, 10)) same(text, 6, 2)
    for (const [i, text] of INPUTS.entries()) if (i % 3 === 0) same(text, 1 + (i % 2), i % 5)
    for (const text of INPUTS.slice(-2)) same(text, 10, 4)
  })

  it('encodes text as UTF-8', () => {
    const text = '电子社保卡 e-card ✓'
    const saved = qrcode.stringToBytes
    qrcode.stringToBytes = qrcode.stringToBytesFuncs['UTF-8']
    try {
      const ref = reference(text)
      const [, mask] = formatOf(ref.getModuleCount(), (r, c) => ref.isDark(r, c))
      const ours = encodeQr(text, { mask })
      expect(qrGifDataUrl(ours, 1, 0)).toBe(ref.createDataURL(1, 0))
    } finally {
      qrcode.stringToBytes = saved
    }
  })

  it('chooses the mask with the lowest penalty and writes it in the format information', () => {
    for (const text of INPUTS.slice(0, 40)) {
      const chosen = encodeQr(text)
      const penalties = [0, 1, 2, 3, 4, 5, 6, 7].map((mask) => penaltyOf(encodeQr(text, { mask }).modules, chosen.size))
      expect(penalties[chosen.mask]).toBe(Math.min(...penalties))
      expect(penalties.indexOf(Math.min(...penalties))).toBe(chosen.mask)
      expect(formatOf(chosen.size, matrixOf(chosen))).toEqual([0, chosen.mask])
      expect(chosen.modules).toEqual(encodeQr(text, { mask: chosen.mask }).modules)
    }
  })

  it('scores masks by the ISO penalty rules (hand-counted matrices)', () => {
    const square = (size: number, dark: (r: number, c: number) => boolean) => {
      const m = new Uint8Array(size * size)
      for (let r = 0; r < size; r++) for (let c = 0; c < size; c++) m[r * size + c] = dark(r, c) ? 1 : 0
      return m
    }
    // All dark, 21 x 21: runs 42 lines x (21 - 2) = 798; 2x2 blocks 400 x 3 = 1200; 100% dark: 10 x 10 = 100.
    const scores = (m: Uint8Array, size: number) => [penaltyOf(m, size), qrPenalties(m, size)[0]]
    expect(scores(square(21, () => true), 21)).toEqual([2098, 2098])
    // A checkerboard: no runs, no blocks, no finder-like pattern, 221 of 441 dark (rounds to 0).
    expect(scores(square(21, (r, c) => (r + c) % 2 === 0), 21)).toEqual([0, 0])
    // 11 x 11, light but for 1011101 at the start of row 0, four light modules after it. Runs: rows
    // 1-10 are light (9 each: 90); columns 0, 2, 3, 4, 6 have 10 light after the dark one (8 each:
    // 40), the other six are light (9 each: 54). Blocks: 90 below row 1 and 3 on rows 0-1 (x 3:
    // 279). One finder-like pattern: 40. 5 of 121 dark, 45% off balance: 9 x 10 = 90.
    const finderLike = square(11, (r, c) => r === 0 && [0, 2, 3, 4, 6].includes(c))
    expect(scores(finderLike, 11)).toEqual([593, 593])
    expect(90 + 40 + 54 + 279 + 40 + 90).toBe(593)
  })

  it('scores eight matrices at once as it scores each alone', () => {
    // Random matrices of every size the encoder makes, some with long runs and finder-like rows
    // planted, and the eight masked matrices of real codes.
    const finderRow = [1, 0, 1, 1, 1, 0, 1]
    for (let version = 1; version <= QR_MAX_VERSION; version++) {
      const size = version * 4 + 17
      for (let trial = 0; trial < 6; trial++) {
        const lanes = new Uint8Array(size * size)
        const density = [0.5, 0.2, 0.8][trial % 3]
        for (let i = 0; i < lanes.length; i++) for (let m = 0; m < 8; m++) if (next() < density) lanes[i] |= 1 << m
        for (let plant = 0; plant < size; plant++) {
          const m = Math.floor(next() * 8)
          const r = Math.floor(next() * size)
          const c = Math.floor(next() * (size - 6))
          const vertical = next() < 0.5
          finderRow.forEach((dark, d) => {
            const at = vertical ? (c + d) * size + r : r * size + c + d
            lanes[at] = dark ? lanes[at] | (1 << m) : lanes[at] & ~(1 << m)
          })
        }
        const laneOf = (m: number) => lanes.map((v) => (v >>> m) & 1)
        expect(qrPenalties(lanes, size)).toEqual([0, 1, 2, 3, 4, 5, 6, 7].map((m) => penaltyOf(laneOf(m), size)))
      }
    }
    for (const text of INPUTS.filter((_, i) => i % 9 === 0)) {
      const masked = [0, 1, 2, 3, 4, 5, 6, 7].map((mask) => encodeQr(text, { mask }))
      const size = masked[0].size
      const lanes = new Uint8Array(size * size)
      masked.forEach((qr, m) => qr.modules.forEach((v, i) => (lanes[i] |= v << m)))
      expect(qrPenalties(lanes, size)).toEqual(masked.map((qr) => penaltyOf(qr.modules, size)))
    }
  })

  it(`holds up to 213 bytes (version ${QR_MAX_VERSION}) and refuses more`, () => {
    expect(encodeQr('x'.repeat(213)).version).toBe(10)
    expect(() => encodeQr('x'.repeat(214))).toThrow(RangeError)
  })
})
