// Which collaboration documents this app serves; the collab core takes it as an option and
// knows no kinds of its own. A review's document is `review:<id>`, a staff account's
// `account:<id>` (ids are cuids or similar url-safe tokens).
export const DOC_NAME_PATTERN = /^(review|account):[A-Za-z0-9_-]{1,64}$/
