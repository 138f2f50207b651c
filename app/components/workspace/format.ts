// Timeline dates are calendar values ("2024-11-04" or "2024-11-04T14:30") with no time zone:
// they are formatted as written, in UTC, so nobody's clock shifts them by a day.
const formatters = new Map<string, Intl.DateTimeFormat>()

function formatter(language: string, withTime: boolean): Intl.DateTimeFormat {
  const key = `${language}|${withTime}`
  let format = formatters.get(key)
  if (!format) {
    format = new Intl.DateTimeFormat(language, withTime ? { dateStyle: 'long', timeStyle: 'short', timeZone: 'UTC' } : { dateStyle: 'long', timeZone: 'UTC' })
    formatters.set(key, format)
  }
  return format
}

export function formatTimelineDate(value: string, language: string): string {
  const withTime = value.includes('T')
  const date = new Date(withTime ? `${value}:00Z` : `${value}T00:00:00Z`)
  if (Number.isNaN(date.getTime())) return value
  return formatter(language, withTime).format(date)
}
