import { useMemo } from 'react'
import { Image, View } from '@tarojs/components'
import { encodeQr, qrGifDataUrl } from '../../domain/qr'

// H5 draws one pixel a module and lets the browser scale it up square-edged (image-rendering:
// pixelated): the GIF takes a seventh of the time to draw, on the card page's critical path, and the
// quiet zone is the white around the image. Mini-programs keep 6 pixels a module: Alipay's <image>
// may smooth an image it scales.
const CELL = process.env.TARO_ENV === 'h5' ? 1 : 6
const MARGIN = process.env.TARO_ENV === 'h5' ? 0 : 2

/** A QR code (level M) as a GIF data URL, which both the Alipay and the H5 <Image> show. */
export function qrDataUrl(text: string, cellSize = CELL, margin = MARGIN): string {
  return qrGifDataUrl(encodeQr(text), cellSize, margin)
}

// The image of the last code prepared ahead (prepareQrCode): the one the card page is about to show.
let prepared: { text: string; src: string } | null = null

/** The image <QrCode> shows for `text`: the one prepared ahead when it is that code's, drawn now otherwise. */
function qrCodeSrc(text: string): string {
  return prepared?.text === text ? prepared.src : qrDataUrl(text)
}

/**
 * Draws the code's image before it is rendered: call it when the text arrives (the card page's QR
 * token), so the render that shows it does not draw it. On H5 the browser is also given the image
 * then, to decode while the page renders; the <img> finds it in the browser's image cache.
 */
export function prepareQrCode(text: string): void {
  if (prepared?.text === text) return
  prepared = { text, src: qrDataUrl(text) }
  if (process.env.TARO_ENV === 'h5' && typeof document !== 'undefined') {
    const image = document.createElement('img')
    image.src = prepared.src
    // A failed decode changes nothing: the <img> loads the image itself.
    image.decode?.().catch(() => undefined)
  }
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
  const src = useMemo(() => qrCodeSrc(text), [text])
  // H5: a plain <img>, in the DOM with React's commit: Taro's H5 <Image> wraps its <img> in a <div>
  // sized by its `mode` and keeps state for it, and this image is what the card page's person waits
  // for (docs/benchmarks.md, LCP). TARO_ENV is a build-time constant and the branches an if/else,
  // so each build bundles only its own: mini-programs keep <Image>, H5 does without it.
  let image
  if (process.env.TARO_ENV === 'h5') {
    image = <img className="qr-code__image" data-testid={testId} data-token={qaToken} src={src} alt={ariaLabel} aria-label={ariaLabel} />
  } else {
    image = <Image className="qr-code__image" data-testid={testId} data-token={qaToken} src={src} mode="aspectFit" aria-label={ariaLabel} />
  }
  return <View className="qr-code">{image}</View>
}

export default QrCode
