import { Form, type FormProps } from '@remix-run/react'
import type { ReactNode } from 'react'

/**
 * A POST form for one of a route's several actions: the route's action schema is a union
 * discriminated by `intent`, which this form sends.
 */
export function IntentForm({ intent, children, ...props }: Omit<FormProps, 'method'> & { intent: string }) {
  return (
    <Form method="post" {...props}>
      <input type="hidden" name="intent" value={intent} />
      {children}
    </Form>
  )
}

/** One button that posts an intent with a few hidden fields (a row's "close", "remove", ...). */
export function IntentButton({
  intent,
  fields,
  label,
  ariaLabel,
  buttonClassName,
  className,
}: {
  intent: string
  fields: Record<string, string>
  label: ReactNode
  ariaLabel?: string
  buttonClassName?: string
  className?: string
}) {
  return (
    <IntentForm intent={intent} className={className}>
      {Object.entries(fields).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <button type="submit" className={buttonClassName} aria-label={ariaLabel}>
        {label}
      </button>
    </IntentForm>
  )
}
