/** The app's timing marks (src/services/timing.ts): transitions, network wait and sequential round trips. */
import { beginTransition, currentScreen, finishAction, noteNavigation, requestStarted, resetTiming, screenReady, timingRecords } from '../../src/services/timing'

let clock = 0
beforeEach(() => {
  clock = 0
  jest.spyOn(performance, 'now').mockImplementation(() => clock)
  resetTiming()
  screenReady('start')
  resetTiming()
})
afterEach(() => jest.restoreAllMocks())

describe('timing marks', () => {
  it('counts the longest chain of sequential server requests; parallel ones once; platform stand-ins apart', () => {
    screenReady('authorize')
    beginTransition('agree')
    const platform = requestStarted('platform')
    clock = 10
    platform()
    const token = requestStarted()
    clock = 30
    token()
    const a = requestStarted()
    const b = requestStarted()
    clock = 50
    a()
    // b is still in flight: c overlaps it, but started after a ended, so it waited for a
    const c = requestStarted()
    clock = 60
    b()
    clock = 70
    c()
    clock = 75
    screenReady('confirm')
    expect(timingRecords()).toEqual([
      { action: 'agree', from: 'authorize', to: 'confirm', durationMs: 75, networkWaitMs: 70, roundTrips: 3, serverRequests: 4, platformRoundTrips: 1 },
    ])
    expect(currentScreen()).toBe('confirm')
  })

  it('network wait is the union of busy time, not the sum of requests', () => {
    screenReady('verify')
    beginTransition('start')
    const a = requestStarted()
    const b = requestStarted()
    clock = 40
    a()
    b()
    clock = 100
    const c = requestStarted()
    clock = 120
    c()
    screenReady('face')
    expect(timingRecords()[0]).toMatchObject({ networkWaitMs: 60, roundTrips: 2, durationMs: 120 })
  })

  it('an action that never navigates ends on its own screen; one that navigates waits for the next screen', () => {
    screenReady('password')
    const sent = beginTransition('password-entered')
    const done = requestStarted()
    clock = 100
    done()
    finishAction(sent)
    expect(timingRecords()[0]).toMatchObject({ action: 'password-entered', from: 'password', to: 'password', roundTrips: 1 })

    const finish = beginTransition('password-finish')
    noteNavigation()
    finishAction(finish)
    expect(timingRecords()).toHaveLength(1)
    screenReady('card')
    expect(timingRecords()[1]).toMatchObject({ action: 'password-finish', from: 'password', to: 'card' })
  })

  it('a new action closes one still open as superseded; requests outside any transition are not counted', () => {
    screenReady('card')
    const stray = requestStarted()
    stray()
    beginTransition('first')
    beginTransition('second')
    screenReady('card-settings')
    expect(timingRecords().map((r) => [r.action, r.to])).toEqual([
      ['first', null],
      ['second', 'card-settings'],
    ])
    expect(timingRecords().every((r) => r.serverRequests === 0)).toBe(true)
  })

  it('a plain navigation opens its own transition', () => {
    screenReady('home')
    noteNavigation()
    screenReady('apps')
    expect(timingRecords()).toEqual([expect.objectContaining({ action: 'navigate', from: 'home', to: 'apps', roundTrips: 0, networkWaitMs: 0 })])
  })
})
