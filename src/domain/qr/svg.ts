import type { QrMatrix } from './encode'

/**
 * The QR code's dark modules as one SVG path, in module units (a viewBox of `size` by `size`): each
 * row's runs of dark modules as rectangles. No margin: the quiet zone is the white around it.
 */
export function qrSvgPath(qr: QrMatrix): string {
  const { size, modules } = qr
  let d = ''
  for (let y = 0; y < size; y++) {
    const row = y * size
    let x = 0
    while (x < size) {
      if (!modules[row + x]) {
        x++
        continue
      }
      const start = x
      while (x < size && modules[row + x]) x++
      d += `M${start} ${y}h${x - start}v1h${start - x}z`
    }
  }
  return d
}
