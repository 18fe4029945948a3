// Fixed-window request counters in memory (one server process): per address and per space.
export interface RateLimit {
  limit: number
  windowMs: number
}

export class RateLimiter {
  private readonly windows = new Map<string, { startedAt: number; count: number }>()

  constructor(
    private readonly rule: RateLimit,
    private readonly now: () => number = Date.now,
    private readonly maxKeys = 100_000,
  ) {}

  /** 0 when the request may go on, else the seconds to wait (for Retry-After). */
  hit(key: string): number {
    const now = this.now()
    let window = this.windows.get(key)
    if (!window || now - window.startedAt >= this.rule.windowMs) {
      if (!window && this.windows.size >= this.maxKeys) this.sweep(now)
      window = { startedAt: now, count: 0 }
      this.windows.set(key, window)
    }
    window.count += 1
    if (window.count <= this.rule.limit) return 0
    return Math.max(1, Math.ceil((window.startedAt + this.rule.windowMs - now) / 1000))
  }

  // A flood of new addresses must not grow memory without bound: expired windows go first, then
  // the oldest ones (a forgotten counter only lets its address start a fresh window).
  private sweep(now: number) {
    for (const [key, window] of this.windows) if (now - window.startedAt >= this.rule.windowMs) this.windows.delete(key)
    const excess = this.windows.size - Math.floor(this.maxKeys / 2)
    if (excess > 0) for (const key of [...this.windows.keys()].slice(0, excess)) this.windows.delete(key)
  }
}
