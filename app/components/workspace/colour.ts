// A stable presence colour per user. Every colour carries white text at >= 4.5:1 (the caret
// label) and stands out at >= 3:1 against white (carets, swatches), so WCAG 2.1 AA holds
// whoever joins. y-prosemirror only accepts "#rrggbb".
export const presenceColours = [
  '#0b5394', // blue
  '#a61b1b', // red
  '#1d6b2f', // green
  '#6a1b9a', // purple
  '#8a4b00', // brown
  '#00695c', // teal
  '#ad1457', // magenta
  '#37474f', // slate
  '#4527a0', // indigo
  '#7a5c00', // olive
  '#c2185b', // pink
  '#283593', // navy
  '#2e7d32', // leaf green
  '#5d4037', // dark brown
  '#00838f', // dark cyan
  '#bf360c', // rust
] as const

/** FNV-1a: small, stable across runtimes, and spreads similar ids well. */
function hash(value: string): number {
  let h = 0x811c9dc5
  for (let i = 0; i < value.length; i++) {
    h ^= value.charCodeAt(i)
    h = Math.imul(h, 0x01000193)
  }
  return h >>> 0
}

export function presenceColour(userId: string): string {
  return presenceColours[hash(userId) % presenceColours.length] ?? presenceColours[0]
}

/**
 * The colour this participant shows in a room: their own stable colour unless someone else in
 * the room already shows it, then the first free one of the palette. Who keeps a contested
 * colour is decided the same way on every client (the lower awareness client id), so the
 * room settles without anyone negotiating. Past the size of the palette colours repeat.
 */
export function pickDistinctColour(
  self: { clientId: number; name: string; preferred: string; current: string },
  others: readonly { clientId: number; name: string; color: string }[],
): string {
  // The same person in two tabs may share a colour.
  const rivals = others.filter(other => other.clientId !== self.clientId && other.name !== self.name)
  const heldBefore = (colour: string) => rivals.some(other => other.color === colour && other.clientId < self.clientId)
  const taken = new Set(rivals.map(other => other.color))
  if (!heldBefore(self.current)) {
    // Nobody with precedence shows ours: keep it (going back to our own colour when it is free).
    return self.current !== self.preferred && !taken.has(self.preferred) ? self.preferred : self.current
  }
  if (!taken.has(self.preferred)) return self.preferred
  return presenceColours.find(colour => !taken.has(colour)) ?? self.current
}
