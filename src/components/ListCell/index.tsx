import type { ReactNode } from 'react'
import { View, Text } from '@tarojs/components'

export interface ListCellProps {
  title: string
  description?: string
  /** A short glyph shown in a coloured square. */
  glyph?: string
  color?: string
  testId?: string
  onClick: () => void
  disabled?: boolean
}

/** An Alipay list cell: icon, title, description and a chevron; the whole row is the button. */
export function ListCell({ title, description, glyph, color, testId, onClick, disabled }: ListCellProps) {
  return (
    <View
      className={`list-cell ${disabled ? 'list-cell--disabled' : ''}`}
      data-testid={testId}
      role="button"
      aria-label={description ? `${title}, ${description}` : title}
      aria-disabled={disabled ? 'true' : 'false'}
      hoverClass="list-cell--active"
      onClick={() => {
        if (!disabled) onClick()
      }}
    >
      {glyph ? (
        <View className="list-cell__icon" style={{ background: color ?? '#1677ff' }} aria-hidden="true">
          <Text>{glyph}</Text>
        </View>
      ) : null}
      <View className="list-cell__text">
        <Text className="list-cell__title">{title}</Text>
        {description ? <Text className="list-cell__desc">{description}</Text> : null}
      </View>
      <View className="list-cell__chevron" aria-hidden="true" />
    </View>
  )
}

/** A white group of cells under a grey section title. */
export function CellGroup({ title, children, testId }: { title?: string; children: ReactNode; testId?: string }) {
  return (
    <View className="cell-group" data-testid={testId}>
      {title ? <Text className="cell-group__title">{title}</Text> : null}
      <View className="cell-group__body">{children}</View>
    </View>
  )
}

export default ListCell
