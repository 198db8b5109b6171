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
  // Colour index: 0 black (dark module), 1 white.
  const pixel = (x: number, y: number) =>
    x >= margin && y >= margin && x < width - margin && y < width - margin && qr.modules[Math.floor((y - margin) / cellSize) * qr.size + Math.floor((x - margin) / cellSize)] ? 0 : 1

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
  const table = new Map<number, number>()
  let nextCode = 6
  write(4)
  let prefix = pixel(0, 0)
  for (let p = 1; p < width * width; p++) {
    const colour = pixel(p % width, Math.floor(p / width))
    const known = table.get(prefix * 2 + colour)
    if (known !== undefined) {
      prefix = known
      continue
    }
    write(prefix)
    if (nextCode < 0xfff) {
      if (nextCode === 1 << codeBits) codeBits++
      table.set(prefix * 2 + colour, nextCode++)
    }
    prefix = colour
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
