/**
 * A QR code encoder (ISO/IEC 18004) for what the card page shows: byte mode, error correction
 * level M, versions 1 to 10 (up to 213 bytes; the card's token is 69, version 5). It replaces a
 * general library five times its size (docs/benchmarks.md); test/unit/qr.test.ts holds it to that
 * library's module matrix for the same version and mask, and to its image bytes.
 */

export interface QrMatrix {
  version: number
  /** The mask pattern used (0-7). */
  mask: number
  /** Modules per side: 4 * version + 17. */
  size: number
  /** size * size modules, row by row: 1 = dark. */
  modules: Uint8Array
}

export const QR_MAX_VERSION = 10

// Level M, versions 1-10: [EC codewords per block, blocks in group 1, data codewords per group-1
// block, blocks in group 2 (each with one data codeword more)]. ISO/IEC 18004 table 9.
const BLOCKS_M = [
  [10, 1, 16, 0],
  [16, 1, 28, 0],
  [26, 1, 44, 0],
  [18, 2, 32, 0],
  [24, 2, 43, 0],
  [16, 4, 27, 0],
  [18, 4, 31, 0],
  [22, 2, 38, 2],
  [22, 3, 36, 2],
  [26, 4, 43, 1],
]

// Alignment pattern centres (both axes) per version; version 1 has none. Annex E.
const ALIGNMENT = [[], [6, 18], [6, 22], [6, 26], [6, 30], [6, 34], [6, 22, 38], [6, 24, 42], [6, 26, 46], [6, 28, 50]]

/**
 * Which of the eight mask patterns (ISO/IEC 18004 table 10) flip the module at row r, column c: bit
 * m set when pattern m does. One pass over the data modules serves all eight masks.
 */
function maskBitsAt(r: number, c: number): number {
  const sum = r + c
  const product = r * c
  return (
    (sum % 2 === 0 ? 1 : 0) |
    (r % 2 === 0 ? 2 : 0) |
    (c % 3 === 0 ? 4 : 0) |
    (sum % 3 === 0 ? 8 : 0) |
    (((r >> 1) + ((c / 3) | 0)) % 2 === 0 ? 16 : 0) |
    ((product % 2) + (product % 3) === 0 ? 32 : 0) |
    (((product % 2) + (product % 3)) % 2 === 0 ? 64 : 0) |
    (((sum % 2) + (product % 3)) % 2 === 0 ? 128 : 0)
  )
}

// GF(256) with the QR polynomial x^8 + x^4 + x^3 + x^2 + 1.
const EXP = new Uint8Array(512)
const LOG = new Uint8Array(256)
for (let i = 0, x = 1; i < 255; i++, x = (x << 1) ^ (x & 0x80 ? 0x11d : 0)) {
  EXP[i] = EXP[i + 255] = x
  LOG[x] = i
}
const gfMul = (a: number, b: number) => (a && b ? EXP[LOG[a] + LOG[b]] : 0)

/** Reed-Solomon error correction codewords of one block. */
function reedSolomon(data: number[], ecCount: number): number[] {
  // The generator (x - a^0)(x - a^1)...(x - a^(n-1)), highest power first, leading 1 left out.
  let gen = [1]
  for (let i = 0; i < ecCount; i++) {
    const next = new Array<number>(gen.length + 1).fill(0)
    gen.forEach((g, j) => {
      next[j] ^= g
      next[j + 1] ^= gfMul(g, EXP[i])
    })
    gen = next
  }
  const rem = new Array<number>(ecCount).fill(0)
  data.forEach((byte) => {
    const factor = byte ^ (rem.shift() as number)
    rem.push(0)
    for (let j = 0; j < ecCount; j++) rem[j] ^= gfMul(gen[j + 1], factor)
  })
  return rem
}

/** BCH code of `value` (its remainder by `poly`, `bits` long) appended to it. */
function bch(value: number, poly: number, bits: number): number {
  let rem = value
  for (let i = 0; i < bits; i++) rem = (rem << 1) ^ ((rem >>> (bits - 1)) & 1 ? poly : 0)
  return (value << bits) | rem
}

/** The text as UTF-8 bytes (no TextEncoder in the Alipay runtime). */
function utf8(text: string): number[] {
  const escaped = encodeURIComponent(text)
  const bytes: number[] = []
  for (let i = 0; i < escaped.length; i++) {
    if (escaped[i] === '%') {
      bytes.push(parseInt(escaped.slice(i + 1, i + 3), 16))
      i += 2
    } else bytes.push(escaped.charCodeAt(i))
  }
  return bytes
}

/** The codewords of a version: data (mode, count, bytes, terminator, padding) and EC, interleaved. */
function codewords(bytes: number[], version: number): number[] {
  const blocks = BLOCKS_M[version - 1]
  const ecCount = blocks[0]
  const blocks1 = blocks[1]
  const data1 = blocks[2]
  const blocks2 = blocks[3]
  const capacity = blocks1 * data1 + blocks2 * (data1 + 1)
  const bits: number[] = []
  const put = (value: number, length: number) => {
    for (let i = length - 1; i >= 0; i--) bits.push((value >>> i) & 1)
  }
  put(0b0100, 4)
  put(bytes.length, version < 10 ? 8 : 16)
  bytes.forEach((b) => put(b, 8))
  put(0, Math.min(4, capacity * 8 - bits.length))
  while (bits.length % 8) bits.push(0)
  const data: number[] = []
  for (let i = 0; i < bits.length; i += 8) data.push(bits.slice(i, i + 8).reduce((acc, bit) => (acc << 1) | bit, 0))
  for (let pad = 0xec; data.length < capacity; pad ^= 0xec ^ 0x11) data.push(pad)

  const dataBlocks: number[][] = []
  for (let b = 0, at = 0; b < blocks1 + blocks2; b++) {
    const length = data1 + (b < blocks1 ? 0 : 1)
    dataBlocks.push(data.slice(at, (at += length)))
  }
  const ecBlocks = dataBlocks.map((block) => reedSolomon(block, ecCount))
  const out: number[] = []
  for (let i = 0; i <= data1; i++) dataBlocks.forEach((block) => i < block.length && out.push(block[i]))
  for (let i = 0; i < ecCount; i++) ecBlocks.forEach((block) => out.push(block[i]))
  return out
}

/** Smallest version whose level-M capacity holds `length` bytes, or 0. */
function versionFor(length: number): number {
  for (let v = 1; v <= QR_MAX_VERSION; v++) {
    const blocks = BLOCKS_M[v - 1]
    if (4 + (v < 10 ? 8 : 16) + 8 * length <= 8 * (blocks[1] * blocks[2] + blocks[3] * (blocks[2] + 1))) return v
  }
  return 0
}

/**
 * Encodes `text` (as UTF-8) in the smallest version that holds it. The mask is the one with the
 * lowest penalty (ISO/IEC 18004 7.8.3) unless `options.mask` names one.
 */
export function encodeQr(text: string, options: { mask?: number } = {}): QrMatrix {
  const bytes = utf8(text)
  const version = versionFor(bytes.length)
  if (!version) throw new RangeError(`QR: ${bytes.length} bytes do not fit version ${QR_MAX_VERSION} at level M`)
  const size = version * 4 + 17
  const base = new Uint8Array(size * size)
  const isFunction = new Uint8Array(size * size)
  const set = (r: number, c: number, dark: boolean | number) => {
    base[r * size + c] = dark ? 1 : 0
    isFunction[r * size + c] = 1
  }

  // Finder patterns with their separators.
  const finder = (r0: number, c0: number) => {
    for (let r = -1; r <= 7; r++) {
      for (let c = -1; c <= 7; c++) {
        if (r0 + r < 0 || r0 + r >= size || c0 + c < 0 || c0 + c >= size) continue
        const ring = Math.max(Math.abs(r - 3), Math.abs(c - 3))
        set(r0 + r, c0 + c, ring !== 2 && ring !== 4)
      }
    }
  }
  finder(0, 0)
  finder(size - 7, 0)
  finder(0, size - 7)
  // Alignment patterns (not over the finders), then the timing patterns between them.
  const centres = ALIGNMENT[version - 1]
  centres.forEach((r) =>
    centres.forEach((c) => {
      if (isFunction[r * size + c]) return
      for (let dr = -2; dr <= 2; dr++) for (let dc = -2; dc <= 2; dc++) set(r + dr, c + dc, Math.max(Math.abs(dr), Math.abs(dc)) !== 1)
    }),
  )
  for (let i = 8; i < size - 8; i++) {
    if (!isFunction[i * size + 6]) set(i, 6, i % 2 === 0)
    if (!isFunction[6 * size + i]) set(6, i, i % 2 === 0)
  }
  // Format information (written per mask below) and version information (7 and up).
  const drawFormat = (modules: Uint8Array, mask: number) => {
    // Level M is 00: the five data bits are the mask alone.
    const bits = bch(mask, 0x537, 10) ^ 0x5412
    for (let i = 0; i < 15; i++) {
      const bit = (bits >>> i) & 1
      const vertical = i < 6 ? i : i < 8 ? i + 1 : size - 15 + i
      const horizontal = i < 8 ? size - 1 - i : i < 9 ? 7 : 14 - i
      modules[vertical * size + 8] = bit
      modules[8 * size + horizontal] = bit
      isFunction[vertical * size + 8] = isFunction[8 * size + horizontal] = 1
    }
    modules[(size - 8) * size + 8] = 1
    isFunction[(size - 8) * size + 8] = 1
  }
  drawFormat(base, 0)
  if (version >= 7) {
    const bits = bch(version, 0x1f25, 12)
    for (let i = 0; i < 18; i++) {
      const a = Math.floor(i / 3)
      const b = (i % 3) + size - 11
      set(a, b, (bits >>> i) & 1)
      set(b, a, (bits >>> i) & 1)
    }
  }

  // Data: two-module columns from the right, zigzagging up and down, skipping the timing column.
  // Each data module's place and mask bits are kept for the eight masks below.
  const words = codewords(bytes, version)
  const dataAt = new Int32Array(size * size)
  const dataMasks = new Uint8Array(size * size)
  let bit = 0
  for (let right = size - 1; right >= 1; right -= 2) {
    if (right === 6) right = 5
    const upward = ((right + 1) & 2) === 0
    for (let step = 0; step < size; step++) {
      const r = upward ? size - 1 - step : step
      for (let c = right; c >= right - 1; c--) {
        const at = r * size + c
        if (isFunction[at]) continue
        base[at] = bit < words.length * 8 ? (words[bit >>> 3] >>> (7 - (bit & 7))) & 1 : 0
        dataAt[bit] = at
        dataMasks[bit] = maskBitsAt(r, c)
        bit++
      }
    }
  }
  const dataCount = bit

  const masked = (mask: number) => {
    const modules = base.slice()
    const flag = 1 << mask
    for (let k = 0; k < dataCount; k++) if (dataMasks[k] & flag) modules[dataAt[k]] ^= 1
    drawFormat(modules, mask)
    return modules
  }
  if (options.mask !== undefined) return { version, mask: options.mask, size, modules: masked(options.mask) }
  let best: QrMatrix | null = null
  let bestPenalty = Infinity
  for (let mask = 0; mask < 8; mask++) {
    const modules = masked(mask)
    const penalty = qrPenalty(modules, size)
    if (penalty < bestPenalty) {
      bestPenalty = penalty
      best = { version, mask, size, modules }
    }
  }
  return best as QrMatrix
}

/** The mask penalty of ISO/IEC 18004 7.8.3.1: runs, 2x2 blocks, finder-like patterns, dark balance. */
export function qrPenalty(modules: Uint8Array, size: number): number {
  let penalty = 0
  let dark = 0
  // One row or column at a time, copied out: eight masks are scored on the card page's critical path.
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
