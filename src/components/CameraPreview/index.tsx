import { useEffect, useRef, useState } from 'react'
import { View, Text } from '@tarojs/components'

type CameraStatus = 'starting' | 'live' | 'unavailable'

function stopStream(stream: MediaStream) {
  stream.getTracks().forEach((track) => track.stop())
}

/**
 * The round camera preview of the H5 face stand-in. It asks for the camera only in the H5 build
 * (on Alipay the platform's own face screen is used), shows a placeholder when the camera is
 * refused or absent, and stops every track when it goes away. Frames never leave the page.
 */
export function CameraPreview({ label, unavailableText }: { label: string; unavailableText: string }) {
  const videoRef = useRef<HTMLVideoElement | null>(null)
  const [status, setStatus] = useState<CameraStatus>('starting')

  useEffect(() => {
    if (process.env.TARO_ENV !== 'h5') {
      setStatus('unavailable')
      return
    }
    const media = typeof navigator !== 'undefined' ? navigator.mediaDevices : undefined
    if (!media || typeof media.getUserMedia !== 'function') {
      setStatus('unavailable')
      return
    }
    let cancelled = false
    let stream: MediaStream | null = null
    media
      .getUserMedia({ video: true })
      .then((s) => {
        if (cancelled) {
          stopStream(s)
          return
        }
        stream = s
        const video = videoRef.current
        if (video) {
          video.srcObject = s
          const playing = video.play?.()
          if (playing && typeof playing.catch === 'function') playing.catch(() => undefined)
        }
        setStatus('live')
      })
      .catch(() => {
        if (!cancelled) setStatus('unavailable')
      })
    return () => {
      cancelled = true
      if (stream) stopStream(stream)
      stream = null
    }
  }, [])

  return (
    <View className={`camera-preview camera-preview--${status}`} data-testid="camera-preview" data-status={status} role="img" aria-label={label}>
      {process.env.TARO_ENV === 'h5' ? <video ref={videoRef} className="camera-preview__video" autoPlay muted playsInline data-testid="camera-video" /> : null}
      {status !== 'live' ? (
        <View className="camera-preview__placeholder" aria-hidden="true">
          <View className="camera-preview__head" />
          <View className="camera-preview__shoulders" />
        </View>
      ) : null}
      {status === 'unavailable' ? <Text className="camera-preview__note">{unavailableText}</Text> : null}
    </View>
  )
}

export default CameraPreview
