import type { QrMatrix } from './encode'

const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'

/** Base64 of bytes (no btoa in the Alipay runtime). */
function base64(bytes: number[]): string {
  let out = ''
  for (let i = 0; i < bytes.length; i += 3) {
    const n = (bytes[i] << 16) | ((bytes[i + 1] ?? 0) << 8) | (bytes[i + 2] ?? 0)
    out += BASE64[(n >>> 18) & 63] + BASE64[(n >>> 12) & 63] + (i + 1 < bytes.length ? BASE64[(n >>> 6) & 63] : '=') + (i + 2 < bytes.length ? BASE64[n & 63] : '=')
  }
  return out
}

/**
 * The QR code as a black-and-white GIF data URL: `cellSize` pixels a module and `margin` white
 * pixels around it. GIF because both the Alipay <image> and browsers show it from a data URL; the
 * bytes are the same as qrcode-generator's createDataURL for the same matrix (test/unit/qr.test.ts).
 */
export function qrGifDataUrl(qr: QrMatrix, cellSize: number, margin: number): string {
  const width = qr.size * cellSize + margin * 2
  // Colour index: 0 black (dark module), 1 white. One image row at a time, refilled only when it
  // enters a new module row: the card page draws this on its critical path, so no per-pixel division.
  const row = new Uint8Array(width)
  let rowOfModules = -2
  const fillRow = (y: number) => {
    const r = y >= margin && y < width - margin ? Math.floor((y - margin) / cellSize) : -1
    if (r === rowOfModules) return
    rowOfModules = r
    row.fill(1)
    if (r < 0) return
    for (let c = 0; c < qr.size; c++) if (qr.modules[r * qr.size + c]) row.fill(0, margin + c * cellSize, margin + (c + 1) * cellSize)
  }

  // LZW with 2-bit colour codes: 4 = clear, 5 = end; codes grow to 12 bits, the table stops at 4095.
  const raster: number[] = []
  let acc = 0
  let accBits = 0
  let codeBits = 3
  const write = (code: number) => {
    acc |= code << accBits
    accBits += codeBits
    for (; accBits >= 8; accBits -= 8, acc >>>= 8) raster.push(acc & 255)
  }
  // (prefix code * 2 + colour) -> its code, -1 when none yet; codes stay below 4096.
  const table = new Int16Array(8192).fill(-1)
  let nextCode = 6
  write(4)
  fillRow(0)
  let prefix = row[0]
  for (let y = 0, x = 1; y < width; y++, x = 0) {
    fillRow(y)
    for (; x < width; x++) {
      const colour = row[x]
      const key = prefix * 2 + colour
      const known = table[key]
      if (known >= 0) {
        prefix = known
        continue
      }
      write(prefix)
      if (nextCode < 0xfff) {
        if (nextCode === 1 << codeBits) codeBits++
        table[key] = nextCode++
      }
      prefix = colour
    }
  }
  write(prefix)
  write(5)
  if (accBits > 0) raster.push(acc & 255)

  const lo = width & 255
  const hi = width >>> 8
  // GIF87a, screen width x height, a global table of 2 colours (black, white); an image descriptor
  // at 0,0 of the same size; LZW minimum code size 2; the raster in blocks of up to 255 bytes.
  let gif = [0x47, 0x49, 0x46, 0x38, 0x37, 0x61, lo, hi, lo, hi, 0x80, 0, 0, 0, 0, 0, 255, 255, 255, 0x2c, 0, 0, 0, 0, lo, hi, lo, hi, 0, 2]
  let at = 0
  for (; raster.length - at > 255; at += 255) gif = gif.concat(255, raster.slice(at, at + 255))
  gif = gif.concat(raster.length - at, raster.slice(at), 0, 0x3b)
  return 'data:image/gif;base64,' + base64(gif)
}
