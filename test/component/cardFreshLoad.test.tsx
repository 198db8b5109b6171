/**
 * The card page's fresh load (src/pages/ecard/card/freshLoad.ts): the H5 build starts it when the
 * page's module is evaluated (startEarlyLoad), before the first render; the first mount takes those
 * requests (no second pair), and answers already in by the first commit show at once, with no
 * loading state and the QR code in the same commit as the card.
 */
import { render, screen } from '@testing-library/react'
import CardPage from '../../src/pages/ecard/card/index'
import { EARLY_LOAD_MAX_AGE_MS, startEarlyLoad, takeFreshLoad } from '../../src/pages/ecard/card/freshLoad'
import { LAUNCH_MAX_AGE_MS, opensCardPage, sendAtLaunch, takeLaunched } from '../../src/pages/ecard/card/firstRequests'
import { prepareQrCode, qrDataUrl } from '../../src/components/QrCode'
import * as api from '../../src/services/api'
import * as session from '../../src/services/session'
import { handOver } from '../../src/services/handover'
import { card, claim, qrToken } from '../mocks/services'
import { flush, resetHost } from '../mocks/testUtils'

jest.mock('../../src/services/platform', () => jest.requireActual('../mocks/services').platformMock())
jest.mock('../../src/services/api', () => jest.requireActual('../mocks/services').apiMock())
jest.mock('../../src/services/session', () => jest.requireActual('../mocks/services').sessionMock())
jest.mock('../../src/components/QrCode', () => {
  const actual = jest.requireActual('../../src/components/QrCode')
  return { ...actual, prepareQrCode: jest.fn(actual.prepareQrCode) }
})

const m = jest.mocked(api)
const seconds = () => Number(screen.getByTestId('qr-countdown').getAttribute('data-seconds'))

beforeEach(() => {
  jest.useFakeTimers({ now: new Date('2026-11-25T08:00:00.000Z') })
  resetHost('zh-CN')
  // Nothing left waiting from the test before (signed out, taking it starts nothing new).
  jest.mocked(session.hasSession).mockReset().mockReturnValue(false)
  takeFreshLoad(Number.MAX_SAFE_INTEGER)
  takeLaunched()
  jest.mocked(session.hasSession).mockReturnValue(true)
  m.getCurrentCard.mockReset().mockResolvedValue(card)
  let n = 0
  m.issueQrToken.mockReset().mockImplementation(async () => qrToken(++n, Date.now()))
  m.getCurrentCardFast.mockClear()
  m.issueQrTokenFast.mockClear()
})
afterEach(() => {
  jest.useRealTimers()
})

describe('card page, fresh load started ahead (H5: when the module is evaluated)', () => {
  it('answers already in show at the first commit: no loading state, the code with the card, no second requests', async () => {
    startEarlyLoad()
    expect(m.getCurrentCard).toHaveBeenCalledTimes(1)
    expect(m.issueQrToken).toHaveBeenCalledTimes(1)
    await flush()
    const rendered = render(<CardPage />)
    expect(screen.queryByTestId('loading')).toBeNull()
    expect(screen.getByTestId('card-name').textContent).toBe('张*')
    expect(screen.getByTestId('card-qrcode').getAttribute('src')).toBe(qrDataUrl(qrToken(1).token))
    await flush()
    expect(m.getCurrentCard).toHaveBeenCalledTimes(1)
    expect(m.issueQrToken).toHaveBeenCalledTimes(1)
    expect(seconds()).toBe(60)
    rendered.unmount()
  })

  it('answers not yet in: the loading state, then the card and its code from the same requests', async () => {
    startEarlyLoad()
    render(<CardPage />)
    expect(screen.getByTestId('loading')).toBeTruthy()
    await flush()
    expect(screen.getByTestId('card-qrcode').getAttribute('src')).toBe(qrDataUrl(qrToken(1).token))
    expect(m.getCurrentCard).toHaveBeenCalledTimes(1)
    expect(m.issueQrToken).toHaveBeenCalledTimes(1)
  })

  it('an early load older than its limit is not used: the page asks afresh', async () => {
    startEarlyLoad()
    await flush()
    jest.advanceTimersByTime(EARLY_LOAD_MAX_AGE_MS + 1)
    render(<CardPage />)
    expect(m.getCurrentCard).toHaveBeenCalledTimes(2)
    expect(m.issueQrToken).toHaveBeenCalledTimes(2)
    await flush()
    expect(screen.getByTestId('card-qrcode').getAttribute('src')).toBe(qrDataUrl(qrToken(2).token))
  })

  it('is taken once: a second mount asks afresh', async () => {
    startEarlyLoad()
    await flush()
    render(<CardPage />).unmount()
    render(<CardPage />)
    expect(m.getCurrentCard).toHaveBeenCalledTimes(2)
    expect(m.issueQrToken).toHaveBeenCalledTimes(2)
    await flush()
    expect(screen.getByTestId('card-qrcode').getAttribute('src')).toBe(qrDataUrl(qrToken(2).token))
  })

  it.each([
    ['without a session', () => jest.mocked(session.hasSession).mockReturnValue(false)],
    ['with a card handed over by the issuance', () => handOver('card', card)],
    ['with a claim handed over by the previous screen', () => handOver('claim', claim('issued'))],
  ])('asks for nothing %s', async (_what, setUp) => {
    setUp()
    startEarlyLoad()
    expect(m.getCurrentCard).not.toHaveBeenCalled()
    expect(m.issueQrToken).not.toHaveBeenCalled()
  })
})

describe('card page, requests sent at the app\'s launch (H5: app.ts, when the app opens at the card page)', () => {
  it('knows the card page from the hash route, and only it', () => {
    expect(opensCardPage('#/pages/ecard/card/index')).toBe(true)
    expect(opensCardPage('#/pages/ecard/card/index?from=link')).toBe(true)
    expect(opensCardPage('#pages/ecard/card/index')).toBe(true)
    expect(opensCardPage('#/pages/ecard/card-settings/index')).toBe(false)
    expect(opensCardPage('#/pages/home/index')).toBe(false)
    expect(opensCardPage('')).toBe(false)
  })

  it('the page\'s chunk takes the requests sent at launch: one pair, shown at the first commit', async () => {
    sendAtLaunch('#/pages/ecard/card/index')
    expect(m.getCurrentCardFast).toHaveBeenCalledTimes(1)
    expect(m.issueQrTokenFast).toHaveBeenCalledTimes(1)
    await flush()
    startEarlyLoad()
    render(<CardPage />)
    expect(screen.queryByTestId('loading')).toBeNull()
    expect(screen.getByTestId('card-qrcode').getAttribute('src')).toBe(qrDataUrl(qrToken(1).token))
    await flush()
    expect(m.getCurrentCardFast).toHaveBeenCalledTimes(1)
    expect(m.issueQrTokenFast).toHaveBeenCalledTimes(1)
    expect(seconds()).toBe(60)
  })

  it('a token already in when the page\'s chunk is evaluated is drawn then, not in the first render', async () => {
    sendAtLaunch('#/pages/ecard/card/index')
    await flush()
    jest.mocked(prepareQrCode).mockClear()
    startEarlyLoad()
    expect(prepareQrCode).toHaveBeenCalledWith(qrToken(1).token)
  })

  it('sends nothing when the app opens at another page', () => {
    sendAtLaunch('#/pages/home/index')
    expect(m.getCurrentCardFast).not.toHaveBeenCalled()
    expect(m.issueQrTokenFast).not.toHaveBeenCalled()
    expect(takeLaunched()).toBeNull()
  })

  it('sends nothing signed out', () => {
    jest.mocked(session.hasSession).mockReturnValue(false)
    sendAtLaunch('#/pages/ecard/card/index')
    expect(m.getCurrentCardFast).not.toHaveBeenCalled()
    expect(takeLaunched()).toBeNull()
  })

  it('is taken once, and not when older than its limit: then the page asks afresh', async () => {
    sendAtLaunch('#/pages/ecard/card/index')
    expect(takeLaunched()).not.toBeNull()
    expect(takeLaunched()).toBeNull()
    sendAtLaunch('#/pages/ecard/card/index')
    jest.advanceTimersByTime(LAUNCH_MAX_AGE_MS + 1)
    startEarlyLoad()
    expect(m.getCurrentCardFast).toHaveBeenCalledTimes(3)
    expect(m.issueQrTokenFast).toHaveBeenCalledTimes(3)
    render(<CardPage />)
    await flush()
    expect(screen.getByTestId('card-qrcode').getAttribute('src')).toBe(qrDataUrl(qrToken(3).token))
  })
})
