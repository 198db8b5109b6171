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

export function isoOf(ms: number): string {
  return new Date(ms).toISOString()
}

function ymdOf(d: Date): string {
  return `${d.getUTCFullYear()}${String(d.getUTCMonth() + 1).padStart(2, '0')}${String(d.getUTCDate()).padStart(2, '0')}`
}
