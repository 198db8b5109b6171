import { useState } from 'react'
import { View, Text } from '@tarojs/components'

export interface ExpandableTextProps {
  title: string
  body: string
  expandLabel: string
  collapseLabel: string
  testId: string
}

/** A long text (e.g. the user agreement) shown as a preview that opens to its full length. */
export function ExpandableText({ title, body, expandLabel, collapseLabel, testId }: ExpandableTextProps) {
  const [expanded, setExpanded] = useState(false)
  const paragraphs = body.split(/\n+/).filter((p) => p.trim() !== '')
  return (
    <View className={`expandable ${expanded ? 'expandable--open' : ''}`} data-testid={testId} data-expanded={expanded ? 'true' : 'false'}>
      <Text className="expandable__title">{title}</Text>
      <View className="expandable__body" data-testid={`${testId}-body`}>
        {paragraphs.map((p, i) => (
          <Text key={i} className="expandable__paragraph">
            {p}
          </Text>
        ))}
        {expanded ? null : <View className="expandable__fade" aria-hidden="true" />}
      </View>
      <View className="expandable__toggle" data-testid={`${testId}-toggle`} role="button" aria-expanded={expanded ? 'true' : 'false'} onClick={() => setExpanded(!expanded)}>
        <Text>{expanded ? collapseLabel : expandLabel}</Text>
        <View className={`expandable__arrow ${expanded ? 'expandable__arrow--up' : ''}`} aria-hidden="true" />
      </View>
    </View>
  )
}

export default ExpandableText
