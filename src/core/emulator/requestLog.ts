/** Counts API calls by route (`GET /v1/batches/{batch_id}`), e.g. to measure how many calls a poll cycle costs. */
export class RequestLog {
  private readonly counts = new Map<string, number>();

  record(route: string): void {
    this.counts.set(route, (this.counts.get(route) ?? 0) + 1);
  }

  /** Calls to one route, e.g. `count('GET /v1/batches/{batch_id}')`. */
  count(route: string): number {
    return this.counts.get(route) ?? 0;
  }

  total(): number {
    let sum = 0;
    for (const count of this.counts.values()) sum += count;
    return sum;
  }

  byRoute(): Record<string, number> {
    return Object.fromEntries(this.counts);
  }

  reset(): void {
    this.counts.clear();
  }
}
