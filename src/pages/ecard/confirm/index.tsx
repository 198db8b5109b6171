import { useState } from 'react'
import { View, Text } from '@tarojs/components'
import { StepBar } from '../../../components/StepBar'
import { PageOfflineBanner } from '../../../components/OfflineBanner'
import { ErrorNotice } from '../../../components/ErrorNotice'
import { LoadingState } from '../../../components/StateViews'
import { FixedFooter, PrimaryButton } from '../../../components/FixedFooter'
import { CheckRow } from '../../../components/CheckRow'
import { ExpandableText } from '../../../components/ExpandableText'
import { Notice } from '../../../components/Notice'
import { TextLink } from '../../../components/TextLink'
import { consentToAgreement, getAgreement, getPerson, type AgreementT, type ClaimT, type PersonT } from '../../../services/api'
import { resumePage } from '../../../flow/claimFlow'
import { handOver, takeHandedOver } from '../../../services/handover'
import { useScreenReady } from '../../../hooks/useScreenReady'
import { useI18n } from '../../../hooks/useI18n'
import { usePageTitle } from '../../../hooks/usePageTitle'
import { useSingleFlight } from '../../../hooks/useSingleFlight'
import { useAsyncData, LEAVING } from '../../../hooks/useAsyncData'
import { guardClaim, leaveOnSessionError } from '../../../hooks/useClaimGuard'
import { navigateTo } from '../../../hooks/navigation'
import { errorText, toErrorInfo, type ErrorInfo } from '../../../i18n/errors'
import './index.scss'

interface Loaded {
  claim: ClaimT
  person: PersonT
  agreement: AgreementT
}

/** Codes that mean "not online, not for you": they come with the offline route. */
const OFFLINE_ROUTE = new Set(['NO_PHYSICAL_CARD', 'CARD_SUSPENDED'])

/** The person's own flags, as a heads-up before they press the button (the server still decides). */
function eligibilityWarning(person: PersonT): string | null {
  if (!person.hasPhysicalCard || person.cardStatus === 'none') return 'NO_PHYSICAL_CARD'
  if (person.cardStatus === 'suspended') return 'CARD_SUSPENDED'
  if (person.isMinor) return 'MINOR_NEEDS_GUARDIAN'
  return null
}

/** Step 6: the person's e-card information and the agreement; consenting moves on to verification. */
export default function ConfirmPage() {
  const { t, locale } = useI18n()
  usePageTitle('nav.confirm')
  const [checked, setChecked] = useState(false)
  const [error, setError] = useState<ErrorInfo | null>(null)

  const data = useAsyncData<Loaded>(async () => {
    try {
      // Straight from authorization, everything is in hand (no round trip); otherwise the claim,
      // then the rest, so a person whose claim is elsewhere is not read.
      const handedPerson = takeHandedOver('person')
      const handedAgreement = takeHandedOver('agreement')
      const claim = await guardClaim('confirm')
      if (claim === LEAVING) return LEAVING
      // Reading the person is what moves the server's claim from authorized to informed.
      const [person, agreement] = await Promise.all([handedPerson ?? getPerson(), handedAgreement ?? getAgreement()])
      return { claim, person, agreement }
    } catch (e) {
      if (await leaveOnSessionError(toErrorInfo(e).code)) return LEAVING
      throw e
    }
  })

  useScreenReady('confirm', data.state.status !== 'loading')

  const submit = useSingleFlight(async () => {
    if (data.state.status !== 'ready') return
    const { claim, agreement } = data.state.data
    const alreadyConsented = claim.state !== 'authorized' && claim.state !== 'informed'
    if (!checked && !alreadyConsented) return
    setError(null)
    try {
      if (alreadyConsented) {
        // Came back to re-read after consenting: the server already has the consent.
        await navigateTo(resumePage(claim.state))
        return
      }
      const updated = await consentToAgreement(agreement.version)
      data.setData({ ...data.state.data, claim: updated })
      handOver('claim', updated)
      await navigateTo('verify')
    } catch (e) {
      const info = toErrorInfo(e)
      if (await leaveOnSessionError(info.code)) return
      setError(info)
      if (info.code === 'AGREEMENT_OUTDATED' || info.code === 'STEP_OUT_OF_ORDER') {
        // The agreement changed or the claim moved on: show the current state, ask again.
        setChecked(false)
        data.reload()
      }
    }
  }, 'confirm-claim')

  const openGuide = () => void navigateTo('guide')

  let body
  if (data.state.status === 'loading') body = <LoadingState />
  else if (data.state.status === 'error') body = <ErrorNotice error={data.state.error} onRetry={data.reload} />
  else {
    const { person, agreement, claim } = data.state.data
    const text = agreement.texts[locale]
    const alreadyConsented = claim.state !== 'authorized' && claim.state !== 'informed'
    const warning = error && OFFLINE_ROUTE.has(error.code) ? null : eligibilityWarning(person)
    body = (
      <>
        <View className="white-card confirm__info" data-testid="person-info">
          <Text className="section-title">{t('confirm.title')}</Text>
          <Text className="confirm__subtitle muted">{t('confirm.subtitle')}</Text>
          <View className="confirm__row">
            <Text className="confirm__label">{t('confirm.name')}</Text>
            <Text className="confirm__value" data-testid="person-name">
              {person.name}
            </Text>
          </View>
          <View className="confirm__row">
            <Text className="confirm__label">{t('confirm.idNumber')}</Text>
            <Text className="confirm__value" data-testid="person-id">
              {person.idNumberMasked}
            </Text>
          </View>
          <View className="confirm__row">
            <Text className="confirm__label">{t('confirm.region')}</Text>
            <Text className="confirm__value" data-testid="person-region">
              {person.regionName[locale]}
            </Text>
          </View>
        </View>

        <View className="white-card">
          <ExpandableText testId="agreement" title={text.title} body={text.body} expandLabel={t('confirm.expand')} collapseLabel={t('confirm.collapse')} />
          <CheckRow
            testId="agreement-check"
            checked={checked || alreadyConsented}
            onChange={(next) => !alreadyConsented && setChecked(next)}
            ariaLabel={t('confirm.check', { title: text.title })}
          >
            <Text>{t('confirm.check', { title: text.title })}</Text>
          </CheckRow>
        </View>

        {warning ? (
          <Notice testId="eligibility-warning" code={warning} title={t('confirm.warningTitle')} message={errorText(warning, locale)}>
            {OFFLINE_ROUTE.has(warning) ? <TextLink testId="open-guide" onClick={openGuide}>{t('confirm.openGuide')}</TextLink> : null}
          </Notice>
        ) : null}

        {error ? (
          <ErrorNotice error={error}>{OFFLINE_ROUTE.has(error.code) ? <TextLink testId="open-guide" onClick={openGuide}>{t('confirm.openGuide')}</TextLink> : null}</ErrorNotice>
        ) : null}

        <FixedFooter>
          <PrimaryButton testId="confirm-claim" disabled={!(checked || alreadyConsented)} loading={submit.pending} onClick={() => void submit.run()}>
            {t('confirm.submit')}
          </PrimaryButton>
        </FixedFooter>
      </>
    )
  }

  return (
    <View className="page confirm" data-step="confirm">
      <PageOfflineBanner />
      <StepBar current="confirm" />
      {body}
    </View>
  )
}
