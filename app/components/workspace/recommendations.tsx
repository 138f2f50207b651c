import type { ViewProps } from './views'

// Placeholder: being built.
export function Recommendations(_props: ViewProps) {
  return null
}
