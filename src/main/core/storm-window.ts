/**
 * Whether a batch of alerts goes out in a storm (issue 4: a storm is `stormCount` notifiable transitions
 * within `windowMs`). In a storm the batch is one summary, and after one at most one batch goes out per
 * window.
 */
export class StormWindow {
  /** Monotonic ms of the notifiable transitions within the window. */
  private readonly arrivalsMs: number[] = []
  private releasedMs: number | null = null

  constructor(
    private readonly stormCount: number,
    private readonly windowMs: number,
  ) {}

  /** `count` notifiable transitions at `atMs` (monotonic). */
  arrived(atMs: number, count = 1): void {
    for (let arrival = 0; arrival < count; arrival++) this.arrivalsMs.push(atMs)
  }

  /** The earliest a batch may go out: a window after the last storm's release. */
  earliestReleaseMs(): number {
    return this.releasedMs === null ? 0 : this.releasedMs + this.windowMs
  }

  /** Whether a batch going out at `nowMs` is a storm's. */
  isStorm(nowMs: number): boolean {
    const windowStartMs = nowMs - this.windowMs
    const expired = this.arrivalsMs.findIndex((atMs) => atMs > windowStartMs)
    this.arrivalsMs.splice(0, expired === -1 ? this.arrivalsMs.length : expired)
    // Within a window of the last storm release it is the same storm, however thin it has become.
    return (
      this.arrivalsMs.length >= this.stormCount ||
      (this.releasedMs !== null && nowMs - this.releasedMs <= this.windowMs)
    )
  }

  /** A storm's batch went out at `nowMs`: the next waits a window. */
  released(nowMs: number): void {
    this.releasedMs = nowMs
  }
}
