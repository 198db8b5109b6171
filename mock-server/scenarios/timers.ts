/** Delays that a shutdown can cut short, so latency and held responses never block app.close(). */
export class Delays {
  private readonly pending = new Set<() => void>()

  wait(ms: number): Promise<void> {
    if (ms <= 0) return Promise.resolve()
    return new Promise((resolve) => {
      const finish = () => {
        clearTimeout(timer)
        this.pending.delete(finish)
        resolve()
      }
      const timer = setTimeout(finish, ms)
      this.pending.add(finish)
    })
  }

  /** Ends every delay now. */
  releaseAll(): void {
    for (const finish of [...this.pending]) finish()
  }
}
