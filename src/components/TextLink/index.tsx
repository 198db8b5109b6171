import { View, Text } from '@tarojs/components'

/** A blue inline action that reads as a link (e.g. to the offline guide). */
export function TextLink({ testId, children, onClick }: { testId: string; children: string; onClick: () => void }) {
  return (
    <View className="text-link" data-testid={testId} role="link" aria-label={children} onClick={onClick}>
      <Text>{children}</Text>
      <Text aria-hidden="true"> ›</Text>
    </View>
  )
}

export default TextLink
