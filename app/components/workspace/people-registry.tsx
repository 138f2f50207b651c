import type { ViewProps } from './views'

// Placeholder: being built.
export function PeopleRegistry(_props: ViewProps) {
  return null
}
