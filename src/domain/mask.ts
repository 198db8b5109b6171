/** Masking rules shared by the server (what goes on the wire and in logs) and the app. */

/** 110101********1234 style: region kept, birth date and sequence hidden, last 4 kept. */
export function maskIdNumber(id: string): string {
  if (id.length < 10) return '*'.repeat(id.length)
  return id.slice(0, 6) + '*'.repeat(id.length - 10) + id.slice(-4)
}

/** 张*三 / 王* : the first character kept, the rest hidden except the last of 3+ characters. */
export function maskName(name: string): string {
  const chars = Array.from(name)
  if (chars.length <= 1) return name
  if (chars.length === 2) return chars[0] + '*'
  return chars[0] + '*'.repeat(chars.length - 2) + chars[chars.length - 1]
}

/** Card numbers: first and last 2 kept. */
export function maskCardNumber(cardNumber: string): string {
  if (cardNumber.length <= 4) return '*'.repeat(cardNumber.length)
  return cardNumber.slice(0, 2) + '*'.repeat(cardNumber.length - 4) + cardNumber.slice(-2)
}

/** Replaces every 18-character identity number in free text: the guard for log lines. */
export function redactIdNumbers(text: string): string {
  return text.replace(/(?<!\d)[1-9]\d{5}(?:18|19|20)\d{2}(?:0[1-9]|1[0-2])\d{2}\d{3}[\dXx](?!\d)/g, (m) => maskIdNumber(m))
}
