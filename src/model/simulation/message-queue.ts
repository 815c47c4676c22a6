/**
 * An SQS queue as a FIFO of buckets (arrival step, count, receives so far), in growable typed
 * arrays: no object per message, so high arrival rates stay cheap. Capacities are powers of two
 * so ring positions wrap with a mask instead of a division.
 */
export class MessageQueue {
  size = 0
  /** The longest first-receive wait take() has recorded, in steps: where the waits histogram ends. */
  longestWait = 0
  private arrival: Int32Array
  private count: Int32Array
  private receives: Uint8Array
  private head = 0
  private length = 0

  private mask: number

  constructor(capacity = 256) {
    if ((capacity & (capacity - 1)) !== 0) throw new RangeError('MessageQueue capacity must be a power of two')
    this.mask = capacity - 1
    this.arrival = new Int32Array(capacity)
    this.count = new Int32Array(capacity)
    this.receives = new Uint8Array(capacity)
  }

  push(step: number, count: number, receives: number): void {
    if (count <= 0) return
    this.size += count
    if (this.length > 0) {
      const last = (this.head + this.length - 1) & this.mask
      if (this.arrival[last] === step && this.receives[last] === receives) {
        this.count[last] += count
        return
      }
    }

    if (this.length === this.arrival.length) this.grow()
    const slot = (this.head + this.length) & this.mask
    this.arrival[slot] = step
    this.count[slot] = count
    this.receives[slot] = receives
    this.length++
  }

  /**
   * Receives up to `n` messages at `step`, oldest first. First receives add their wait (in
   * steps) to `waits`; `byReceives[r]` counts the messages taken that had been received r
   * times before. Returns the number taken.
   */
  take(n: number, step: number, waits: Float64Array, byReceives: Int32Array): number {
    let taken = 0
    while (taken < n && this.length > 0) {
      const slot = this.head
      const c = Math.min(n - taken, this.count[slot])
      const r = this.receives[slot]
      if (r === 0) {
        const wait = step - this.arrival[slot]
        waits[wait] += c
        if (wait > this.longestWait) this.longestWait = wait
      }

      byReceives[r] += c
      taken += c
      this.count[slot] -= c
      if (this.count[slot] === 0) {
        this.head = (this.head + 1) & this.mask
        this.length--
      }
    }

    this.size -= taken
    return taken
  }

  /**
   * For a queue of messages waiting out their visibility timeout (the "arrival" is when they
   * reappear): moves those due by `step` back into `target`, or counts them as dead letters once
   * received `maxReceiveCount` times. Returns the dead letters.
   */
  releaseDue(step: number, target: MessageQueue, maxReceiveCount: number): number {
    let dead = 0
    while (this.length > 0 && this.arrival[this.head] <= step) {
      const slot = this.head
      const c = this.count[slot]
      if (this.receives[slot] >= maxReceiveCount) dead += c
      else target.push(step, c, this.receives[slot])
      this.size -= c
      this.head = (this.head + 1) & this.mask
      this.length--
    }

    return dead
  }

  private grow(): void {
    const cap = this.arrival.length
    const arrival = new Int32Array(cap * 2)
    const count = new Int32Array(cap * 2)
    const receives = new Uint8Array(cap * 2)
    for (let i = 0; i < this.length; i++) {
      const from = (this.head + i) & this.mask
      arrival[i] = this.arrival[from]
      count[i] = this.count[from]
      receives[i] = this.receives[from]
    }

    this.arrival = arrival
    this.count = count
    this.receives = receives
    this.head = 0
    this.mask = cap * 2 - 1
  }
}
