import { createElement, Fragment, type PropsWithChildren, type ReactNode, type ReactPortal } from 'react'
import { platform } from './services/platform'
import { connectNetwork } from './services/network/status'
import './app.scss'

// The platform tells the app when the network comes and goes: the banner shows from it and the API
// client holds calls until the network is back (services/network/status.ts).
try {
  connectNetwork(platform)
} catch {
  // A host without network status: the app behaves as online and calls report their own failures.
}

// H5 opened at the card page (a reload, a link): its card and QR code are asked for now, while the
// rest of the app is set up and the page's chunk loads (pages/ecard/card/firstRequests.ts). Required
// here, not imported: a mini-program opens no page by URL, and its main package must not carry this.
if (process.env.TARO_ENV === 'h5' && typeof location !== 'undefined') {
  ;(require('./pages/ecard/card/firstRequests') as typeof import('./pages/ecard/card/firstRequests')).sendAtLaunch(location.hash)
}

/**
 * The shell. On H5 the pages render inside it, so the offline banner placed here shows over every
 * page; a mini-program renders only pages, so there the shell adds nothing and the e-card pages
 * (the ones that talk to the server) carry it themselves (PageOfflineBanner). The banner goes to
 * <body> through a portal: inside Taro's router container it would be the last child, and the
 * router hides every page that is not (`.taro_page:not(:last-child)`).
 */
function App({ children }: PropsWithChildren) {
  return createElement(Fragment, null, children, offlineBanner())
}

function offlineBanner() {
  // TARO_ENV is a build-time constant: mini-program builds drop this block, react-dom (H5's renderer) with it.
  if (process.env.TARO_ENV === 'h5' && typeof document !== 'undefined') {
    const { createPortal } = require('react-dom') as { createPortal(children: ReactNode, container: Element): ReactPortal }
    // Required here, not imported: on Alipay only the e-card pages carry the banner, in their subpackage.
    const { OfflineBanner } = require('./components/OfflineBanner') as typeof import('./components/OfflineBanner')
    return createPortal(createElement(OfflineBanner), document.body)
  }
  return null
}

export default App
