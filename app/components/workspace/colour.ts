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
