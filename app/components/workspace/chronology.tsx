import type { ViewProps } from './views'

// Placeholder: being built.
export function Chronology(_props: ViewProps) {
  return null
}
