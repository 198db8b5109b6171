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

export function QrCode({ text, testId, ariaLabel }: { text: string; testId: string; ariaLabel: string }) {
  const src = useMemo(() => qrDataUrl(text), [text])
  return (
    <View className="qr-code">
      <Image className="qr-code__image" data-testid={testId} src={src} mode="aspectFit" aria-label={ariaLabel} />
    </View>
  )
}

export default QrCode
