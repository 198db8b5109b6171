import { View, Text } from '@tarojs/components'
import { CLAIM_PROGRESS } from '../../flow/claimFlow'
import type { RouteName } from '../../flow/routes'
import { useI18n } from '../../hooks/useI18n'
import type { MessageKey } from '../../i18n'

export type ClaimStep = 'authorize' | 'confirm' | 'verify' | 'face' | 'password'

const LABELS: Record<ClaimStep, MessageKey> = {
  authorize: 'step.authorize',
  confirm: 'step.confirm',
  verify: 'step.verify',
  face: 'step.face',
  password: 'step.password',
}

function isClaimStep(r: RouteName): r is ClaimStep {
  return r in LABELS
}

/** Progress through the claim (authorize … password), shown on top of each claim page. */
export function StepBar({ current }: { current: ClaimStep }) {
  const { t } = useI18n()
  const steps = CLAIM_PROGRESS.filter(isClaimStep)
  const index = steps.indexOf(current)
  return (
    <View
      className="step-bar"
      data-testid="step-bar"
      data-current={current}
      role="progressbar"
      aria-valuemin={1}
      aria-valuemax={steps.length}
      aria-valuenow={index + 1}
      aria-label={t('step.label', { n: index + 1, total: steps.length, name: t(LABELS[current]) })}
    >
      {steps.map((step, i) => {
        const state = i < index ? 'done' : i === index ? 'current' : 'todo'
        return (
          <View key={step} className={`step-bar__item step-bar__item--${state}`} data-state={state}>
            <View className="step-bar__track">
              <View className={`step-bar__line ${i === 0 ? 'step-bar__line--hidden' : ''}`} />
              <View className="step-bar__dot" aria-hidden="true">
                <Text>{state === 'done' ? '✓' : String(i + 1)}</Text>
              </View>
              <View className={`step-bar__line ${i === steps.length - 1 ? 'step-bar__line--hidden' : ''}`} />
            </View>
            <Text className="step-bar__label">{t(LABELS[step])}</Text>
          </View>
        )
      })}
    </View>
  )
}

export default StepBar
