import { Form, type FormProps } from '@remix-run/react'

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
