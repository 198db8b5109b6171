import { View, Text } from '@tarojs/components'

export interface ServiceTile {
  key: string
  label: string
  /** A short glyph in a coloured square: the tile's icon. */
  glyph: string
  color: string
  testId?: string
  onClick: () => void
}

/** A grid of app tiles (home, the app list, City Services). */
export function ServiceGrid({ tiles, columns = 4, variant = 'light', testId }: { tiles: ServiceTile[]; columns?: 4 | 5; variant?: 'light' | 'onBlue'; testId?: string }) {
  return (
    <View className={`service-grid service-grid--cols-${columns} service-grid--${variant}`} data-testid={testId}>
      {tiles.map((tile) => (
        <View
          key={tile.key}
          className="service-grid__tile"
          data-testid={tile.testId}
          data-app={tile.key}
          role="button"
          aria-label={tile.label}
          hoverClass="service-grid__tile--active"
          onClick={tile.onClick}
        >
          <View className="service-grid__icon" style={{ background: tile.color }} aria-hidden="true">
            <Text>{tile.glyph}</Text>
          </View>
          <Text className="service-grid__label">{tile.label}</Text>
        </View>
      ))}
    </View>
  )
}

export default ServiceGrid
