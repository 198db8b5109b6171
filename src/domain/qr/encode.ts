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
 * m set when pattern m does.
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

// Every pattern repeats every 12 rows and 12 columns: the data modules look their bits up.
const MASK_BITS = new Uint8Array(144)
for (let r = 0; r < 12; r++) for (let c = 0; c < 12; c++) MASK_BITS[r * 12 + c] = maskBitsAt(r, c)

// GF(256) with the QR polynomial x^8 + x^4 + x^3 + x^2 + 1.
const EXP = new Uint8Array(512)
const LOG = new Uint8Array(256)
for (let i = 0, x = 1; i < 255; i++, x = (x << 1) ^ (x & 0x80 ? 0x11d : 0)) {
  EXP[i] = EXP[i + 255] = x
  LOG[x] = i
}

// The Reed-Solomon generator polynomials, by EC codeword count: coefficients as logs, highest power
// first, leading 1 left out. Four counts serve versions 1-10.
const GENERATORS = new Map<number, Uint8Array>()

function generatorLogs(ecCount: number): Uint8Array {
  let logs = GENERATORS.get(ecCount)
  if (logs) return logs
  // (x - a^0)(x - a^1)...(x - a^(n-1)); every coefficient is non-zero.
  let gen = [1]
  for (let i = 0; i < ecCount; i++) {
    const next = new Array<number>(gen.length + 1).fill(0)
    for (let j = 0; j < gen.length; j++) {
      next[j] ^= gen[j]
      if (gen[j]) next[j + 1] ^= EXP[LOG[gen[j]] + i]
    }
    gen = next
  }
  logs = new Uint8Array(ecCount)
  for (let j = 0; j < ecCount; j++) logs[j] = LOG[gen[j + 1]]
  GENERATORS.set(ecCount, logs)
  return logs
}

/** Reed-Solomon error correction codewords of data[from, from + length). */
function reedSolomon(data: Uint8Array, from: number, length: number, ecCount: number): Uint8Array {
  const gen = generatorLogs(ecCount)
  const rem = new Uint8Array(ecCount)
  for (let i = 0; i < length; i++) {
    // Shifted one place, the generator times the leading term added.
    const factor = data[from + i] ^ rem[0]
    const log = LOG[factor]
    for (let j = 0; j < ecCount; j++) rem[j] = (j + 1 < ecCount ? rem[j + 1] : 0) ^ (factor ? EXP[gen[j] + log] : 0)
  }
  return rem
}

/** BCH code of `value` (its remainder by `poly`, `bits` long) appended to it. */
function bch(value: number, poly: number, bits: number): number {
  let rem = value
  for (let i = 0; i < bits; i++) rem = (rem << 1) ^ ((rem >>> (bits - 1)) & 1 ? poly : 0)
  return (value << bits) | rem
}

/** The 15 format bits for a mask (level M is 00: the five data bits are the mask alone). */
const formatBits = (mask: number) => bch(mask, 0x537, 10) ^ 0x5412

/** Format bit i under all eight masks: bit m is its value under mask m. */
const FORMAT_LANES = new Uint8Array(15)
for (let mask = 0; mask < 8; mask++) for (let i = 0; i < 15; i++) FORMAT_LANES[i] |= ((formatBits(mask) >>> i) & 1) << mask

/** Where format bit i goes: its place beside the top-left finder, and its copy by the other two. */
function formatPlaces(size: number, i: number): [number, number] {
  const vertical = i < 6 ? i : i < 8 ? i + 1 : size - 15 + i
  const horizontal = i < 8 ? size - 1 - i : i < 9 ? 7 : 14 - i
  return [vertical * size + 8, 8 * size + horizontal]
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
function codewords(bytes: number[], version: number): Uint8Array {
  const blocks = BLOCKS_M[version - 1]
  const ecCount = blocks[0]
  const blocks1 = blocks[1]
  const data1 = blocks[2]
  const blocks2 = blocks[3]
  const capacity = blocks1 * data1 + blocks2 * (data1 + 1)
  // Written a byte at a time: the bits not yet written are the low `pending` bits of `acc`.
  const data = new Uint8Array(capacity)
  let acc = 0
  let pending = 0
  let n = 0
  const put = (value: number, length: number) => {
    acc = (acc << length) | value
    pending += length
    while (pending >= 8) {
      pending -= 8
      data[n++] = (acc >>> pending) & 0xff
    }
    acc &= (1 << pending) - 1
  }
  put(0b0100, 4)
  put(bytes.length, version < 10 ? 8 : 16)
  for (let i = 0; i < bytes.length; i++) put(bytes[i], 8)
  put(0, Math.min(4, capacity * 8 - n * 8 - pending))
  if (pending) put(0, 8 - pending)
  for (let pad = 0xec; n < capacity; pad ^= 0xec ^ 0x11) data[n++] = pad

  const count = blocks1 + blocks2
  const out = new Uint8Array(capacity + ecCount * count)
  const ecBlocks: Uint8Array[] = []
  const starts: number[] = []
  for (let b = 0, at = 0; b < count; b++) {
    const length = data1 + (b < blocks1 ? 0 : 1)
    starts.push(at)
    ecBlocks.push(reedSolomon(data, at, length, ecCount))
    at += length
  }
  let o = 0
  for (let i = 0; i <= data1; i++) for (let b = 0; b < count; b++) if (i < data1 + (b < blocks1 ? 0 : 1)) out[o++] = data[starts[b] + i]
  for (let i = 0; i < ecCount; i++) for (let b = 0; b < count; b++) out[o++] = ecBlocks[b][i]
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
  // Bit m of a module's byte is its colour under mask m: the data modules are placed and the eight
  // masks scored (qrPenalties) once for all of them. Function modules are the same under every mask.
  const lanes = new Uint8Array(size * size)
  const isFunction = new Uint8Array(size * size)
  const set = (r: number, c: number, dark: boolean | number) => {
    lanes[r * size + c] = dark ? 0xff : 0
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
  // Format information: reserved here, written below (its bits name the mask), and the dark module.
  for (let i = 0; i < 15; i++) {
    const [vertical, horizontal] = formatPlaces(size, i)
    isFunction[vertical] = isFunction[horizontal] = 1
  }
  set(size - 8, 8, 1)
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
  const words = codewords(bytes, version)
  let bit = 0
  for (let right = size - 1; right >= 1; right -= 2) {
    if (right === 6) right = 5
    const upward = ((right + 1) & 2) === 0
    for (let step = 0; step < size; step++) {
      const r = upward ? size - 1 - step : step
      for (let c = right; c >= right - 1; c--) {
        const at = r * size + c
        if (isFunction[at]) continue
        const dark = bit < words.length * 8 ? (words[bit >>> 3] >>> (7 - (bit & 7))) & 1 : 0
        lanes[at] = (dark ? 0xff : 0) ^ MASK_BITS[(r % 12) * 12 + (c % 12)]
        bit++
      }
    }
  }
  for (let i = 0; i < 15; i++) {
    const [vertical, horizontal] = formatPlaces(size, i)
    lanes[vertical] = lanes[horizontal] = FORMAT_LANES[i]
  }

  let mask = options.mask
  if (mask === undefined) {
    const penalties = qrPenalties(lanes, size)
    mask = 0
    for (let m = 1; m < 8; m++) if (penalties[m] < penalties[mask]) mask = m
  }
  const modules = new Uint8Array(size * size)
  for (let at = 0; at < modules.length; at++) modules[at] = (lanes[at] >>> mask) & 1
  return { version, mask, size, modules }
}

/**
 * The mask penalties of ISO/IEC 18004 7.8.3.1 (runs, 2x2 blocks, finder-like patterns, dark balance)
 * of eight matrices at once: bit m of each byte of `lanes` is a module of matrix m. Each rule is
 * checked once for all eight with bitwise operations, on the card page's critical path; its score
 * goes to `scores[lanes it holds for]` and is shared out to the eight at the end.
 */
export function qrPenalties(lanes: Uint8Array, size: number): number[] {
  const scores = new Int32Array(256)
  const darks = new Int32Array(256)
  // One row or column at a time, with four light modules either side: the finder-like pattern
  // counts the edge as light.
  const line = new Uint8Array(size + 8)
  for (let i = 0; i < size; i++) {
    for (let axis = 0; axis < 2; axis++) {
      for (let k = 0; k < size; k++) line[k + 4] = lanes[axis ? k * size + i : i * size + k]
      let longRun = 0
      for (let k = 4; k < size + 4; k++) {
        const m = line[k]
        // Runs of five or more of one colour score 3, plus 1 per module beyond five: 1 for each
        // module that ends five alike, 2 more where such a run begins.
        if (k >= 8) {
          const run = ~((m ^ line[k - 1]) | (m ^ line[k - 2]) | (m ^ line[k - 3]) | (m ^ line[k - 4])) & 0xff
          scores[run] += 1
          scores[run & ~longRun] += 2
          longRun = run
        }
        // Dark-light-dark-dark-dark-light-dark (1:1:3:1:1) from here, four light modules before or after it: 40.
        if (k + 6 < size + 4) {
          const pattern = m & ~line[k + 1] & line[k + 2] & line[k + 3] & line[k + 4] & ~line[k + 5] & line[k + 6]
          if (pattern) {
            const before = line[k - 1] | line[k - 2] | line[k - 3] | line[k - 4]
            const after = line[k + 7] | line[k + 8] | line[k + 9] | line[k + 10]
            scores[pattern & ~(before & after) & 0xff] += 40
          }
        }
      }
    }
    for (let k = 0; k < size; k++) {
      const at = i * size + k
      const m = lanes[at]
      darks[m]++
      // 2x2 blocks of one colour: 3.
      if (i + 1 < size && k + 1 < size) scores[~((m ^ lanes[at + 1]) | (m ^ lanes[at + size]) | (m ^ lanes[at + size + 1])) & 0xff] += 3
    }
  }
  const penalties = [0, 0, 0, 0, 0, 0, 0, 0]
  const dark = [0, 0, 0, 0, 0, 0, 0, 0]
  for (let v = 1; v < 256; v++) {
    if (!scores[v] && !darks[v]) continue
    for (let m = 0; m < 8; m++) {
      if (!(v & (1 << m))) continue
      penalties[m] += scores[v]
      dark[m] += darks[v]
    }
  }
  // 10 per full 5% that the dark share strays from 50%.
  const total = size * size
  return penalties.map((p, m) => p + Math.floor((Math.abs(dark[m] * 2 - total) * 10) / total) * 10)
}
