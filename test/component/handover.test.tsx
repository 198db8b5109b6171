/**
 * One round trip per screen transition (issue 8): what a screen already holds is handed to the
 * next instead of being asked for again, the password goes out as soon as it is confirmed, and the
 * timing marks (services/timing.ts) follow each of the person's actions to the next screen.
 */
import { act, fireEvent, render, screen } from '@testing-library/react'
import AuthorizePage from '../../src/pages/ecard/authorize/index'
import ConfirmPage from '../../src/pages/ecard/confirm/index'
import PasswordPage from '../../src/pages/ecard/password/index'
import CardPage from '../../src/pages/ecard/card/index'
import { routes } from '../../src/flow/routes'
import * as api from '../../src/services/api'
import * as session from '../../src/services/session'
import { handOver } from '../../src/services/handover'
import { requestStarted, screenReady, timingRecords } from '../../src/services/timing'
import { useSingleFlight } from '../../src/hooks/useSingleFlight'
import { useScreenReady } from '../../src/hooks/useScreenReady'
import { agreement, card, claim, person } from '../mocks/services'
import { deferred, flush, resetHost, taro } from '../mocks/testUtils'

jest.mock('../../src/services/platform', () => jest.requireActual('../mocks/services').platformMock())
jest.mock('../../src/services/api', () => jest.requireActual('../mocks/services').apiMock())
jest.mock('../../src/services/session', () => jest.requireActual('../mocks/services').sessionMock())
jest.mock('../../src/services/crypto', () => jest.requireActual('../mocks/services').cryptoMock())

const m = jest.mocked(api)
const signIn = jest.mocked(session.signIn)

beforeEach(() => {
  resetHost('zh-CN')
  for (const fn of Object.values(m)) if (typeof fn === 'function' && 'mockReset' in fn) (fn as jest.Mock).mockReset()
  m.prefetchPublicKey.mockResolvedValue({ algorithm: 'SM2', keyId: 'key-test', publicKey: '04', cipherMode: 1 })
  jest.mocked(session.hasSession).mockReturnValue(true)
  signIn.mockReset()
})

describe('data in hand', () => {
  it('authorize signs in asking for the claim and the person, and hands them (and the agreement read meanwhile) to confirm', async () => {
    m.getAgreement.mockResolvedValue(agreement)
    signIn.mockResolvedValue({ claim: claim('informed'), person })
    render(<AuthorizePage />)
    await flush()
    fireEvent.click(screen.getByTestId('authorize-agree'))
    await flush()
    expect(signIn).toHaveBeenCalledWith(['person', 'claim'])
    expect(m.getClaim).not.toHaveBeenCalled()
    expect(taro.redirectTo).toHaveBeenCalledWith({ url: routes.confirm })

    // the confirm page then shows without asking the server anything
    render(<ConfirmPage />)
    await flush()
    expect(screen.getByTestId('person-name').textContent).toBe(person.name)
    expect(m.getClaim).not.toHaveBeenCalled()
    expect(m.getPerson).not.toHaveBeenCalled()
    expect(m.getAgreement).toHaveBeenCalledTimes(1)
  })

  it('a gateway that ignores include is asked for the claim the old way', async () => {
    signIn.mockResolvedValue({})
    m.getClaim.mockResolvedValue(claim('issued'))
    render(<AuthorizePage />)
    await flush()
    fireEvent.click(screen.getByTestId('authorize-agree'))
    await flush()
    expect(m.getClaim).toHaveBeenCalledTimes(1)
    expect(taro.redirectTo).toHaveBeenCalledWith({ url: routes.card })
  })

  it('what is handed over is used once: a second visit asks the server', async () => {
    handOver('claim', claim('informed'))
    handOver('person', person)
    handOver('agreement', agreement)
    m.getClaim.mockResolvedValue(claim('informed'))
    m.getPerson.mockResolvedValue(person)
    m.getAgreement.mockResolvedValue(agreement)
    const first = render(<ConfirmPage />)
    await flush()
    expect(m.getClaim).not.toHaveBeenCalled()
    first.unmount()
    render(<ConfirmPage />)
    await flush()
    expect(m.getClaim).toHaveBeenCalledTimes(1)
    expect(m.getPerson).toHaveBeenCalledTimes(1)
  })
})

describe('password page: one round trip per wait', () => {
  it('sends the password when the second entry matches; Finish then only issues, and the card page shows the issued card without asking', async () => {
    m.getClaim.mockResolvedValue(claim('certified'))
    m.setCardPassword.mockResolvedValue(claim('password_set'))
    m.issueCard.mockResolvedValue(card)
    render(<PasswordPage />)
    await flush()
    expect(m.prefetchPublicKey).toHaveBeenCalled()
    for (const d of '135790135790') fireEvent.click(screen.getByTestId(`key-${d}`))
    await flush()
    expect(m.setCardPassword).toHaveBeenCalledWith('135790')
    expect(m.issueCard).not.toHaveBeenCalled()
    expect(screen.getByTestId('password-entry').getAttribute('data-saved')).toBe('true')

    fireEvent.click(screen.getByTestId('password-finish'))
    await flush()
    expect(m.setCardPassword).toHaveBeenCalledTimes(1)
    expect(m.issueCard).toHaveBeenCalledTimes(1)
    expect(taro.redirectTo).toHaveBeenCalledWith({ url: routes.card })

    m.getClaim.mockClear()
    render(<CardPage />)
    await flush()
    expect(screen.getByTestId('card-face')).toBeTruthy()
    expect(m.getClaim).not.toHaveBeenCalled()
    expect(m.getCurrentCard).not.toHaveBeenCalled()
  })

  it('Finish tapped while the password is on its way waits for it, and sends nothing twice', async () => {
    m.getClaim.mockResolvedValue(claim('certified'))
    const sent = deferred<ReturnType<typeof claim>>()
    m.setCardPassword.mockReturnValue(sent.promise)
    m.issueCard.mockResolvedValue(card)
    render(<PasswordPage />)
    await flush()
    for (const d of '135790135790') fireEvent.click(screen.getByTestId(`key-${d}`))
    await flush()
    expect(screen.getByTestId('password-entry').getAttribute('data-saved')).toBe('false')
    fireEvent.click(screen.getByTestId('password-finish'))
    await flush()
    expect(m.issueCard).not.toHaveBeenCalled()
    await act(async () => sent.resolve(claim('password_set')))
    await flush()
    expect(m.setCardPassword).toHaveBeenCalledTimes(1)
    expect(m.issueCard).toHaveBeenCalledTimes(1)
  })
})

describe('timing marks', () => {
  function Screen({ step, ready }: { step: string; ready: boolean }) {
    useScreenReady(step, ready)
    return null
  }

  function Button({ work }: { work: () => Promise<void> }) {
    const flight = useSingleFlight(work, 'go')
    return <button data-testid="go" onClick={() => void flight.run()} />
  }

  it('a labelled action that stays on its screen ends when it finishes; one that navigates ends when the next screen is ready', async () => {
    screenReady('verify')
    const one = deferred<void>()
    render(
      <Button
        work={async () => {
          const done = requestStarted()
          await one.promise
          done()
        }}
      />,
    )
    fireEvent.click(screen.getByTestId('go'))
    await act(async () => one.resolve())
    await flush()
    expect(timingRecords()).toEqual([expect.objectContaining({ action: 'go', from: 'verify', to: 'verify', roundTrips: 1, serverRequests: 1 })])

    // now with a navigation: the record waits for the next screen
    const { rerender } = render(<Screen step="password" ready={false} />)
    const nav = render(
      <Button
        work={async () => {
          const a = requestStarted()
          const b = requestStarted()
          a()
          b()
          const c = requestStarted()
          c()
          const { noteNavigation } = jest.requireActual('../../src/services/timing') as typeof import('../../src/services/timing')
          noteNavigation()
        }}
      />,
    )
    fireEvent.click(nav.getAllByTestId('go')[1])
    await flush()
    expect(timingRecords()).toHaveLength(1)
    rerender(<Screen step="password" ready />)
    const last = timingRecords()[1]
    expect(last).toMatchObject({ action: 'go', from: 'verify', to: 'password', roundTrips: 2, serverRequests: 3 })
  })
})
