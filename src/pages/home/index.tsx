import { View, Button } from '@tarojs/components'

export default function Home() {
  return <View data-step="home"><Button data-testid="open-more">More</Button></View>
}
