export { encodeQr, qrPenalties, QR_MAX_VERSION, type QrMatrix } from './encode'
export { qrGifDataUrl } from './gif'
export { qrSvgPath } from './svg'
