/**
 * Which wake-ups the request thread sends the projector thread (decision
 * 1891). The thread gathers a hall's appends for a while before its batch, so
 * a wake-up sent while one is on its way changes nothing: only the first of
 * them goes, and the thread says when that batch falls due. An append held
 * back meanwhile may have committed after that batch read the history, so it
 * is sent then: at most one batch more per batch, and no append waits for the
 * sweep. A wake-up with its own delay (a retry) always goes.
 */
export class WakeUpGate {
  /** Per hall with a wake-up on its way: whether an append came since it was sent. */
  private readonly pending = new Map<string, boolean>();
  /** Wake-ups let through (sent). */
  sent = 0;
  /** Wake-ups held back because one was on its way. */
  heldBack = 0;

  /** Whether this wake-up is to be sent. */
  admit(hallId: string, delayMs?: number): boolean {
    if (delayMs === undefined) {
      const appendedSince = this.pending.get(hallId);
      if (appendedSince !== undefined) {
        this.pending.set(hallId, true);
        this.heldBack += 1;
        return false;
      }
      this.pending.set(hallId, false);
    }
    this.sent += 1;
    return true;
  }

  /** The thread's batch for the hall fell due: true when a wake-up is to be sent again now. */
  due(hallId: string): boolean {
    const appendedSince = this.pending.get(hallId);
    this.pending.delete(hallId);
    return appendedSince === true;
  }

  /** The thread died with its scheduled batches: every hall's next append sends again. */
  reset(): void {
    this.pending.clear();
  }

  /** Halls with a wake-up on its way (bounded by the halls appended to since their last batch). */
  get size(): number {
    return this.pending.size;
  }
}
