/** One place for the list's geometry: the header and every row share these columns and this height. */
export const ROW_HEIGHT_PX = 38
export const OVERSCAN_ROWS = 8
export const COLUMNS = ['State', 'Name', 'Last seen', 'Expected', 'Reported', 'Metrics', ''] as const
