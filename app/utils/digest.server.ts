import { createHash } from 'node:crypto'

export function sha256Hex(input: string | Uint8Array): string {
  return createHash('sha256').update(input).digest('hex')
}

/**
 * The opaque, stable id of a review in shared data: the same review exported twice replaces
 * its earlier copy at the receiver, and the id reveals neither the database id nor the
 * jurisdiction's numbering.
 */
export function sharedIdFor(jurisdictionCode: string, reviewId: string): string {
  return sha256Hex(`scir-shared-review\u0000${jurisdictionCode}\u0000${reviewId}`).slice(0, 32)
}
