import { useMemo } from 'react'
import { Image, View } from '@tarojs/components'
import { encodeQr, qrGifDataUrl, qrSvgPath } from '../../domain/qr'

/**
 * A QR code (level M) as a GIF data URL, six pixels a module with a two-pixel margin: what a
 * mini-program's <image> shows (Alipay's <image> may smooth an image it scales, so the modules are
 * drawn large rather than scaled up).
 */
export function qrDataUrl(text: string): string {
  return qrGifDataUrl(encodeQr(text), 6, 2)
}

/** What H5 draws: the code's dark modules as one SVG path, in a viewBox `size` modules a side. */
export interface QrVector {
  size: number
  path: string
}

/** The code as an SVG path, for H5's inline <svg>. */
export function qrVector(text: string): QrVector {
  const qr = encodeQr(text)
  return { size: qr.size, path: qrSvgPath(qr) }
}

/** What this build shows for `text`: the SVG path on H5, the GIF on mini-programs. */
function draw(text: string): QrVector | string {
  return process.env.TARO_ENV === 'h5' ? qrVector(text) : qrDataUrl(text)
}

// The last code prepared ahead (prepareQrCode): the one the card page is about to show. Kept with
// the platform it was drawn for, which only tests change.
let prepared: { text: string; platform: string | undefined; drawn: QrVector | string } | null = null

/** The code prepared ahead for `text`, if it was drawn for this platform. */
function preparedFor(text: string): QrVector | string | undefined {
  return prepared?.text === text && prepared.platform === process.env.TARO_ENV ? prepared.drawn : undefined
}

/**
 * Draws the code before it is rendered: call it when the text arrives (the card page's QR token), so
 * the render that shows it does not draw it.
 */
export function prepareQrCode(text: string): void {
  if (preparedFor(text) !== undefined) return
  prepared = { text, platform: process.env.TARO_ENV, drawn: draw(text) }
}

export interface QrCodeProps {
  text: string
  testId: string
  ariaLabel: string
  /**
   * The encoded text again as `data-token`, for QA automation that cannot decode the image. Pass it
   * only in the H5 simulator build; leave it out on a phone.
   */
  qaToken?: string
}

export function QrCode({ text, testId, ariaLabel, qaToken }: QrCodeProps) {
  const drawn = useMemo(() => preparedFor(text) ?? draw(text), [text])
  // H5: an inline <svg>, in the DOM with React's commit. No image to encode, read from a data URL and
  // decode on the card page's critical path, and square-edged at any size (docs/benchmarks.md, LCP
  // twelfth round). The white around it is the quiet zone. Mini-programs have no inline SVG and keep
  // <Image> with the GIF. TARO_ENV is a build-time constant and the branches an if/else, so each
  // build bundles only its own.
  let image
  if (process.env.TARO_ENV === 'h5') {
    const { size, path } = drawn as QrVector
    image = (
      <svg className="qr-code__image" data-testid={testId} data-token={qaToken} viewBox={`0 0 ${size} ${size}`} shapeRendering="crispEdges" role="img" aria-label={ariaLabel}>
        <path d={path} fill="#000" />
      </svg>
    )
  } else {
    image = <Image className="qr-code__image" data-testid={testId} data-token={qaToken} src={drawn as string} mode="aspectFit" aria-label={ariaLabel} />
  }
  return <View className="qr-code">{image}</View>
}

export default QrCode
