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
  /** The ring slot of the current step: tick() is called once per step, in order. */
  private cursor = 0

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

  /** Moves to the next step; tasks whose start-up finishes now start running. Returns how many. */
  tick(): number {
    // A cursor rather than step % length: an integer division per step is a measurable share of a year's run.
    const slot = this.cursor
    this.cursor = slot + 1 === this.ready.length ? 0 : slot + 1
    const n = this.ready[slot]
    if (n === 0) return 0
    this.ready[slot] = 0
    this.pending -= n
    this.running += n
    return n
  }

  /**
   * Moves towards `desired` in the current step (after tick()): launches tasks, or removes them
   * in the order that loses no work: tasks still starting (newest first), then idle tasks, then
   * busy ones, which drain. Returns the tasks stopped at once.
   */
  scaleTo(desired: number): number {
    // The slot of the current step is the one before the cursor.
    const now = this.cursor === 0 ? this.ready.length - 1 : this.cursor - 1
    let change = desired - this.capacity
    if (change > 0) {
      if (this.startupSteps === 0) this.running += change
      else {
        this.ready[(now + this.startupSteps) % this.ready.length] += change
        this.pending += change
      }

      return 0
    }

    for (let j = this.startupSteps; j >= 1 && change < 0; j--) {
      const slot = (now + j) % this.ready.length
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
