/** One instant on both clocks: monotonic for liveness, wall for display and skew. */
export interface Instant {
  monoMs: number
  wallMs: number
}
