// Where a redirect after sign-in (or a language switch) may go: a path on this site only.
// Prefix checks are not enough: browsers drop tabs and newlines from URLs, so "/\t/evil.example"
// passes a check for "//" and lands on evil.example (issue 10, point 10); CR/LF in a Location
// header is a 500. So the target is parsed as the browser will parse it, against a
// placeholder origin, and only a same-origin result is kept, re-serialised.
const PLACEHOLDER_ORIGIN = 'http://same-origin.invalid'

export function safeRedirectTo(target: string | null | undefined, fallback = '/reviews'): string {
  if (!target || !target.startsWith('/')) return fallback
  // Control characters and backslashes have no place in a path we generate ourselves.
  // eslint-disable-next-line no-control-regex -- these are exactly the characters to refuse
  if (/[\u0000-\u001f\u007f\\]/.test(target)) return fallback
  let url: URL
  try {
    url = new URL(target, PLACEHOLDER_ORIGIN)
  } catch {
    return fallback
  }
  if (url.origin !== PLACEHOLDER_ORIGIN) return fallback
  const path = `${url.pathname}${url.search}${url.hash}`
  return path.startsWith('//') ? fallback : path
}
