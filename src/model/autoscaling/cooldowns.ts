/**
 * Application Auto Scaling's cooldown bookkeeping, shared by step scaling and target tracking:
 * a scale-out during a scale-out cooldown is measured from the capacity the cooldown started
 * from; a scale-in waits for its own cooldown; a scale-out ends a scale-in cooldown.
 */
export class Cooldowns {
  private scaleOutEnd = -Infinity
  private scaleInEnd = -Infinity
  /** The capacity before the scale-out that started the current scale-out cooldown. */
  private scaleOutFrom = 0

  /** The capacity a scale-out at `now` is measured from. */
  scaleOutBase(now: number, current: number): number {
    return now < this.scaleOutEnd ? this.scaleOutFrom : current
  }

  scaleInBlocked(now: number): boolean {
    return now < this.scaleInEnd
  }

  /** A scale-out from `from` tasks happened at `now`. */
  scaledOut(now: number, from: number, seconds: number): void {
    if (now >= this.scaleOutEnd) this.scaleOutFrom = from
    this.scaleOutEnd = now + seconds
    this.scaleInEnd = -Infinity
  }

  scaledIn(now: number, seconds: number): void {
    this.scaleInEnd = now + seconds
  }
}
