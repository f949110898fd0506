/**
 * Counts in the user's own digit grouping ("10,000", "10 000"). One formatter, made as the page loads:
 * the first `toLocaleString` builds one from the locale data, about 15 ms, and it would otherwise fall
 * on the first render of the list.
 */
const COUNTS = new Intl.NumberFormat()

export function formatCount(count: number): string {
  return COUNTS.format(count)
}
