/** Time helpers. Every "now" comes from the injectable clock (ms since the epoch). */

const CHINA_OFFSET_MS = 8 * 60 * 60 * 1000

export const MINUTE_MS = 60 * 1000

/** A Date whose UTC fields read as the wall clock in China (UTC+8, no DST). */
export function chinaDate(nowMs: number): Date {
  return new Date(nowMs + CHINA_OFFSET_MS)
}

/** YYYYMMDD in China time. */
export function chinaYmd(nowMs: number): string {
  return ymdOf(chinaDate(nowMs))
}

/** The same calendar day `years` later (29 Feb rolls to 1 Mar), YYYYMMDD. */
export function addYearsYmd(ymd: string, years: number): string {
  const d = new Date(Date.UTC(Number(ymd.slice(0, 4)) + years, Number(ymd.slice(4, 6)) - 1, Number(ymd.slice(6, 8))))
  return ymdOf(d)
}

// The last second formatted: a QR token's expiry is formatted on every request, and most requests
// under load fall in the second before's. Only the milliseconds change within a second.
let isoSecond = NaN
let isoPrefix = ''

/** ISO 8601 in UTC with milliseconds, as Date#toISOString. */
export function isoOf(time: number): string {
  const ms = Math.trunc(time) // as Date does
  const second = Math.floor(ms / 1000)
  if (second !== isoSecond) {
    const iso = new Date(ms).toISOString()
    // years 0–9999 only have the fixed shape YYYY-MM-DDTHH:mm:ss.sssZ
    if (iso.length !== 24) return iso
    isoSecond = second
    isoPrefix = iso.slice(0, 20)
  }
  const milli = ms - second * 1000
  return `${isoPrefix}${milli < 10 ? '00' : milli < 100 ? '0' : ''}${milli}Z`
}

function ymdOf(d: Date): string {
  return `${d.getUTCFullYear()}${String(d.getUTCMonth() + 1).padStart(2, '0')}${String(d.getUTCDate()).padStart(2, '0')}`
}
