import type { ComponentProps, ReactNode } from 'react'

/** A page section named by its h2: `id` gives the heading's id (`${id}-title`) and the label. */
export function TitledSection({ id, title, className, children }: { id: string; title: ReactNode; className?: string; children?: ReactNode }) {
  return (
    <section aria-labelledby={`${id}-title`} className={className}>
      <h2 id={`${id}-title`}>{title}</h2>
      {children}
    </section>
  )
}

export type ColumnHeader = ReactNode | { label: ReactNode; className: string }

const isStyled = (header: ColumnHeader): header is { label: ReactNode; className: string } =>
  typeof header === 'object' && header !== null && 'className' in header && 'label' in header

/**
 * A table with a caption and one row of column headers; the children are its body rows. A null
 * header is a column this table does not have.
 */
export function DataTable({
  caption,
  captionClassName,
  captionId,
  headers,
  children,
  ...table
}: Omit<ComponentProps<'table'>, 'children'> & {
  caption?: ReactNode
  captionClassName?: string
  captionId?: string
  headers: ColumnHeader[]
  children?: ReactNode
}) {
  return (
    <table {...table}>
      {caption !== undefined ? (
        <caption id={captionId} className={captionClassName}>
          {caption}
        </caption>
      ) : null}
      <thead>
        <tr>
          {headers.map((header, i) =>
            header === null || header === undefined || header === false ? null : isStyled(header) ? (
              <th key={i} scope="col" className={header.className}>
                {header.label}
              </th>
            ) : (
              <th key={i} scope="col">
                {header}
              </th>
            ),
          )}
        </tr>
      </thead>
      <tbody>{children}</tbody>
    </table>
  )
}
