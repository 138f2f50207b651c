import type { ViewProps } from './views'

// Placeholder: being built.
export function Analysis(_props: ViewProps) {
  return null
}
