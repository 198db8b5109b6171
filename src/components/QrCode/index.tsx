import { useMemo } from 'react'
import { Image, View } from '@tarojs/components'
import qrcode from 'qrcode-generator'

/** A QR code as a GIF data URL (qrcode-generator works in both Alipay and H5 runtimes). */
export function qrDataUrl(text: string, cellSize = 6, margin = 2): string {
  const qr = qrcode(0, 'M')
  qr.addData(text)
  qr.make()
  return qr.createDataURL(cellSize, margin)
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
