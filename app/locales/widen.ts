/**
 * The shape of an English namespace with every string widened: what its French twin must
 * match key for key, with its own words.
 */
export type Widen<T> = { [K in keyof T]: T[K] extends string ? string : Widen<T[K]> }
