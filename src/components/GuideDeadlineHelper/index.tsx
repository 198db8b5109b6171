import { useState } from 'react'
import { View, Text, Input, Picker } from '@tarojs/components'
import { PrimaryButton } from '../FixedFooter'
import { useI18n } from '../../hooks/useI18n'
import { chinaToday, formatCalendarDay, FIRST_DAY, type RegistrationKind } from '../../domain/deadlines'
import { guideText } from '../../content/guide/ui'
import { daysLeftText, evaluateDeadline, PROBLEM_TEXT, type DeadlineView } from './deadlineInput'

const KINDS: readonly RegistrationKind[] = ['establishment', 'employment']

/**
 * Articles 57 and 58 for an employer: pick what is being registered and the day it happened, get
 * the last day to register, the days left (or overdue) and the agency's 15-day examination window.
 * Dates are China's calendar days; today is China's today, whatever the phone's time zone.
 *
 * The day is typed (`YYYY-MM-DD`, leniently read) on every platform. On H5 a calendar Picker sits
 * beside it; Alipay's <picker> has no date mode (Taro documents `mode="date"` for weapp and h5 only).
 */
export function GuideDeadlineHelper() {
  const { locale } = useI18n()
  const [kind, setKind] = useState<RegistrationKind>('establishment')
  const [text, setText] = useState('')
  /** Problems are shown once the person asks for the result, not while they are still typing. */
  const [submitted, setSubmitted] = useState(false)

  const today = chinaToday(new Date())
  const evaluation = evaluateDeadline(kind, text, today)
  const showProblem = !evaluation.ok && submitted
  const dateLabel = guideText(kind === 'establishment' ? 'dateLabelEstablishment' : 'dateLabelEmployment', locale)

  const edit = (value: string) => {
    setText(value)
    setSubmitted(false)
  }

  return (
    <View className="guide-deadline" data-testid="deadline-helper" role="region" aria-label={guideText('deadlineTitle', locale)}>
      <Text className="guide-deadline__title">{guideText('deadlineTitle', locale)}</Text>
      <Text className="guide-deadline__intro muted">{guideText('deadlineIntro', locale)}</Text>

      <Text className="guide-deadline__label" id="guide-deadline-kind">
        {guideText('deadlineKindLabel', locale)}
      </Text>
      <View className="guide-deadline__kinds" role="radiogroup" aria-label={guideText('deadlineKindLabel', locale)}>
        {KINDS.map((k) => {
          const checked = k === kind
          const label = guideText(k === 'establishment' ? 'kindEstablishment' : 'kindEmployment', locale)
          return (
            <View
              key={k}
              className={`guide-deadline__kind ${checked ? 'guide-deadline__kind--checked' : ''}`}
              data-testid={`deadline-kind-${k}`}
              data-selected={checked ? 'true' : 'false'}
              role="radio"
              aria-checked={checked ? 'true' : 'false'}
              aria-label={label}
              onClick={() => setKind(k)}
            >
              <Text>{label}</Text>
            </View>
          )
        })}
      </View>

      <Text className="guide-deadline__label">{dateLabel}</Text>
      <View className="guide-deadline__field">
        <Input
          className="guide-deadline__input"
          data-testid="deadline-date-input"
          type="text"
          value={text}
          placeholder={guideText('datePlaceholder', locale)}
          aria-label={dateLabel}
          confirmType="done"
          onInput={(e) => edit(e.detail.value)}
          onConfirm={() => setSubmitted(true)}
        />
      </View>
      {process.env.TARO_ENV === 'h5' ? (
        <Picker
          mode="date"
          value={evaluation.ok ? evaluation.eventDay : today}
          start={FIRST_DAY}
          end={today}
          textProps={{ okText: guideText('pickerOk', locale), cancelText: guideText('pickerCancel', locale) }}
          onChange={(e) => {
            setText(String(e.detail.value))
            setSubmitted(true)
          }}
        >
          <View className="guide-deadline__pick" data-testid="deadline-date-picker" role="button" aria-label={guideText('datePick', locale)}>
            <Text>{guideText('datePick', locale)}</Text>
          </View>
        </Picker>
      ) : null}
      <View className="guide-deadline__calculate">
        <PrimaryButton testId="deadline-calculate" onClick={() => setSubmitted(true)}>
          {guideText('calculate', locale)}
        </PrimaryButton>
      </View>

      <Text className="guide-deadline__today muted" data-testid="deadline-today" data-day={today}>
        {guideText('today', locale, { day: formatCalendarDay(today, locale) })}
      </Text>

      {showProblem && !evaluation.ok ? (
        <View className="guide-deadline__error" data-testid="deadline-error" data-problem={evaluation.problem} role="alert">
          <Text>{guideText(PROBLEM_TEXT[evaluation.problem], locale)}</Text>
        </View>
      ) : null}
      {evaluation.ok ? <DeadlineResult view={evaluation} /> : null}
    </View>
  )
}

function DeadlineResult({ view }: { view: DeadlineView }) {
  const { locale } = useI18n()
  const left = daysLeftText(view.daysLeft)
  return (
    <View className={`guide-deadline__result ${view.overdue ? 'guide-deadline__result--overdue' : ''}`} data-testid="deadline-result" data-kind={view.kind} aria-live="polite">
      <View className="guide-deadline__row">
        <Text className="guide-deadline__row-label">{guideText('lastDayLabel', locale)}</Text>
        <Text className="guide-deadline__row-value guide-deadline__last-day" data-testid="deadline-last-day" data-day={view.lastDay}>
          {formatCalendarDay(view.lastDay, locale)}
        </Text>
      </View>
      <Text
        className={`guide-deadline__days ${view.overdue ? 'guide-deadline__days--overdue' : ''}`}
        data-testid="deadline-days-left"
        data-days-left={String(view.daysLeft)}
        data-overdue={view.overdue ? 'true' : 'false'}
      >
        {guideText(left.key, locale, { n: left.n })}
      </Text>
      {view.mayExtendIfHoliday ? (
        <Text className="guide-deadline__note" data-testid="deadline-holiday-note">
          {guideText('holidayNote', locale)}
        </Text>
      ) : null}
      {view.overdue ? (
        <Text className="guide-deadline__note guide-deadline__note--warning" data-testid="deadline-overdue-advice">
          {guideText('overdueAdvice', locale)}
        </Text>
      ) : null}
      <View className="guide-deadline__row">
        <Text className="guide-deadline__row-label">{guideText(view.examBasis === 'today' ? 'examLabelToday' : 'examLabelLastDay', locale)}</Text>
        <Text className="guide-deadline__row-value" data-testid="deadline-exam-day" data-day={view.examDay} data-basis={view.examBasis}>
          {formatCalendarDay(view.examDay, locale)}
        </Text>
      </View>
      <Text className="guide-deadline__note">{guideText('examNote', locale)}</Text>
      {view.kind === 'establishment' ? <Text className="guide-deadline__note">{guideText('establishmentMaterials', locale)}</Text> : null}
    </View>
  )
}

export default GuideDeadlineHelper
