/**
 * The app's QR encoder (src/domain/qr) against qrcode-generator, the library it replaced: for the
 * same text, version and mask both must give the same module matrix, and the same GIF bytes. The
 * library picks its mask by its own scoring; we read that mask from its format information and ask
 * ours for it. Our own mask choice (ISO penalty) is checked on hand-counted matrices.
 */
import qrcode from 'qrcode-generator'
import { encodeQr, qrGifDataUrl, qrPenalty, QR_MAX_VERSION, type QrMatrix } from '../../src/domain/qr'

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
      const penalties = [0, 1, 2, 3, 4, 5, 6, 7].map((mask) => qrPenalty(encodeQr(text, { mask }).modules, chosen.size))
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
    expect(qrPenalty(square(21, () => true), 21)).toBe(2098)
    // A checkerboard: no runs, no blocks, no finder-like pattern, 221 of 441 dark (rounds to 0).
    expect(qrPenalty(square(21, (r, c) => (r + c) % 2 === 0), 21)).toBe(0)
    // 11 x 11, light but for 1011101 at the start of row 0, four light modules after it. Runs: rows
    // 1-10 are light (9 each: 90); columns 0, 2, 3, 4, 6 have 10 light after the dark one (8 each:
    // 40), the other six are light (9 each: 54). Blocks: 90 below row 1 and 3 on rows 0-1 (x 3:
    // 279). One finder-like pattern: 40. 5 of 121 dark, 45% off balance: 9 x 10 = 90.
    const finderLike = square(11, (r, c) => r === 0 && [0, 2, 3, 4, 6].includes(c))
    expect(qrPenalty(finderLike, 11)).toBe(90 + 40 + 54 + 279 + 40 + 90)
  })

  it(`holds up to 213 bytes (version ${QR_MAX_VERSION}) and refuses more`, () => {
    expect(encodeQr('x'.repeat(213)).version).toBe(10)
    expect(() => encodeQr('x'.repeat(214))).toThrow(RangeError)
  })
})
