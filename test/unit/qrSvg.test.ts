/**
 * The QR code's SVG path (src/domain/qr/svg.ts), which the H5 card page draws: read back as a
 * renderer would (M, relative h and v, z), it must cover exactly the matrix's dark modules, with no
 * rectangle overlapping another, one rectangle a run of dark modules in a row.
 */
import { encodeQr, qrSvgPath, type QrMatrix } from '../../src/domain/qr'

/** The path's subpaths as rectangles [x, y, width, height]; throws on anything but a closed axis-aligned rectangle. */
function rectanglesOf(d: string): number[][] {
  const tokens = d.match(/[MmHhVvZz]|-?\d+(?:\.\d+)?/g) ?? []
  expect(tokens.join('')).toBe(d.replace(/[\s,]+/g, ''))
  const rects: number[][] = []
  let i = 0
  let x = 0
  let y = 0
  let corners: number[][] = []
  const num = () => Number(tokens[i++])
  while (i < tokens.length) {
    const command = tokens[i++]
    if (command === 'M') {
      x = num()
      y = num()
      corners = [[x, y]]
    } else if (command === 'h') {
      x += num()
      corners.push([x, y])
    } else if (command === 'v') {
      y += num()
      corners.push([x, y])
    } else if (command === 'z') {
      const xs = corners.map((c) => c[0])
      const ys = corners.map((c) => c[1])
      const [left, right, top, bottom] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)]
      // four corners of one rectangle: every vertex on its outline's corners
      expect(corners).toHaveLength(4)
      for (const [cx, cy] of corners) expect([left, right].includes(cx) && [top, bottom].includes(cy)).toBe(true)
      rects.push([left, top, right - left, bottom - top])
    } else throw new Error(`unexpected path command ${command}`)
  }
  return rects
}

/** The modules the path covers, counting each module once per rectangle over it. */
function coverage(qr: QrMatrix, d: string): Uint8Array {
  const covered = new Uint8Array(qr.size * qr.size)
  for (const [x, y, w, h] of rectanglesOf(d)) {
    expect(w).toBeGreaterThan(0)
    expect(h).toBe(1)
    for (let c = x; c < x + w; c++) covered[y * qr.size + c]++
  }
  return covered
}

const runsOf = (qr: QrMatrix) => {
  let runs = 0
  for (let r = 0; r < qr.size; r++) for (let c = 0; c < qr.size; c++) if (qr.modules[r * qr.size + c] && (c === 0 || !qr.modules[r * qr.size + c - 1])) runs++
  return runs
}

describe('qrSvgPath', () => {
  const texts = ['', 'ECARD:S:1', 'q1.AbCdEfGhIjKlMnOpQrStUv.' + 'x'.repeat(43), 'z'.repeat(213)]

  it.each(texts)('covers exactly the dark modules, once each, a rectangle a run (%#)', (text) => {
    const qr = encodeQr(text)
    const d = qrSvgPath(qr)
    expect(Array.from(coverage(qr, d))).toEqual(Array.from(qr.modules))
    expect(rectanglesOf(d)).toHaveLength(runsOf(qr))
  })

  it('draws nothing for a light matrix and one rectangle a row for a dark one', () => {
    const size = 21
    expect(qrSvgPath({ version: 1, mask: 0, size, modules: new Uint8Array(size * size) })).toBe('')
    const dark = { version: 1, mask: 0, size, modules: new Uint8Array(size * size).fill(1) }
    expect(rectanglesOf(qrSvgPath(dark))).toEqual(Array.from({ length: size }, (_, y) => [0, y, size, 1]))
  })

  it('ends a run at the row’s edge, not in the next row', () => {
    const size = 21
    const modules = new Uint8Array(size * size)
    modules[size - 1] = 1 // last module of row 0
    modules[size] = 1 // first module of row 1
    expect(rectanglesOf(qrSvgPath({ version: 1, mask: 0, size, modules }))).toEqual([
      [size - 1, 0, 1, 1],
      [0, 1, 1, 1],
    ])
  })
})
