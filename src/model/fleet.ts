/**
 * The ECS service's tasks as counts: tasks starting (ready after the start-up delay), running
 * (idle or busy) and draining (busy, told to stop, finishing their issue). Counts rather than
 * task objects keep a year of minutes cheap.
 */
export class Fleet {
  running: number
  busy = 0
  draining = 0
  pending = 0
  private readonly ready: Int32Array

  constructor(
    initial: number,
    /** Steps from a task's launch until it takes work. */
    readonly startupSteps: number,
  ) {
    this.running = initial
    this.ready = new Int32Array(startupSteps + 1)
  }

  get idle(): number {
    return this.running - this.busy
  }

  /** Tasks that count towards the desired count: running and not leaving, plus starting. */
  get capacity(): number {
    return this.running - this.draining + this.pending
  }

  /** Tasks whose start-up finishes at `step` start running; returns how many. */
  tick(step: number): number {
    const slot = step % this.ready.length
    const n = this.ready[slot]
    if (n === 0) return 0
    this.ready[slot] = 0
    this.pending -= n
    this.running += n
    return n
  }

  /**
   * Moves towards `desired` at `step`: launches tasks, or removes them in the order that loses
   * no work: tasks still starting (newest first), then idle tasks, then busy ones, which drain.
   * Returns the tasks stopped at once.
   */
  scaleTo(desired: number, step: number): number {
    let change = desired - this.capacity
    if (change > 0) {
      if (this.startupSteps === 0) this.running += change
      else {
        this.ready[(step + this.startupSteps) % this.ready.length] += change
        this.pending += change
      }

      return 0
    }

    for (let j = this.startupSteps; j >= 1 && change < 0; j--) {
      const slot = (step + j) % this.ready.length
      const cancel = Math.min(-change, this.ready[slot])
      this.ready[slot] -= cancel
      this.pending -= cancel
      change += cancel
    }

    const stopIdle = Math.min(-change, this.idle)
    this.running -= stopIdle
    change += stopIdle
    this.draining += Math.min(-change, this.busy - this.draining)
    return stopIdle
  }

  /** `n` busy tasks finished an issue; draining ones among them stop. Returns the tasks stopped. */
  complete(n: number): number {
    this.busy -= n
    const stop = Math.min(this.draining, n)
    this.draining -= stop
    this.running -= stop
    return stop
  }
}
