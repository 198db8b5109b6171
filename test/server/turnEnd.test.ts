/** mock-server/turnEnd.ts: work held to the end of the event loop's turn, done together. */
import { atTurnEnd } from '../../mock-server/turnEnd'

describe('atTurnEnd', () => {
  it('runs after the current code, in the order held; what a job holds runs in the same release', async () => {
    const order: string[] = []
    atTurnEnd(() => order.push('a'))
    atTurnEnd(() => {
      order.push('b')
      atTurnEnd(() => order.push('held by b'))
    })
    // scheduled after the first job: runs after the whole release, the job held by b included
    setImmediate(() => order.push('next immediate'))
    atTurnEnd(() => order.push('c'))
    order.push('sync')
    await new Promise((resolve) => setTimeout(resolve, 5))
    expect(order).toEqual(['sync', 'a', 'b', 'c', 'held by b', 'next immediate'])
  })

  it('a job that throws does not strand the others, and is reported without its data', async () => {
    const errors = jest.spyOn(console, 'error').mockImplementation(() => undefined)
    try {
      const ran: number[] = []
      atTurnEnd(() => ran.push(1))
      atTurnEnd(() => {
        throw new Error('broken job')
      })
      atTurnEnd(() => ran.push(3))
      await new Promise((resolve) => setImmediate(resolve))
      await new Promise((resolve) => setImmediate(resolve))
      expect(ran).toEqual([1, 3])
      expect(errors).toHaveBeenCalledTimes(1)
      expect(String(errors.mock.calls[0][0])).toContain('broken job')
    } finally {
      errors.mockRestore()
    }
  })
})
