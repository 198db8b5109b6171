import { useMemo } from 'react'
import { Image, View } from '@tarojs/components'
import { encodeQr, qrGifDataUrl } from '../../domain/qr'

/** A QR code (level M) as a GIF data URL, which both the Alipay and the H5 <Image> show. */
export function qrDataUrl(text: string, cellSize = 6, margin = 2): string {
  return qrGifDataUrl(encodeQr(text), cellSize, margin)
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
  const src = useMemo(() => qrDataUrl(text), [text])
  return (
    <View className="qr-code">
      <Image className="qr-code__image" data-testid={testId} data-token={qaToken} src={src} mode="aspectFit" aria-label={ariaLabel} />
    </View>
  )
}

export default QrCode
