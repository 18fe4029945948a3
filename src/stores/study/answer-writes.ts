// The answers being written. The next card is on screen before an answer's transaction commits,
// and the learner may answer it before that: transactions queue in IndexedDB in the order they are
// made. A card's row is read again only once its own write settled; undo, a new session and the
// end screen wait for every write.
export function createAnswerWrites() {
  const writing = new Map<string, Promise<void>>()
  /** Every write, each followed by its take-back if it failed. */
  let written: Promise<void> = Promise.resolve()

  /** Settles when this card's last write settled (at once when none is under way). */
  function ofCard(cardId: string): Promise<void> | undefined {
    return writing.get(cardId)
  }

  /**
   * Tracks one card's write: `settled` when its transaction ends either way, `handled` once its
   * failure, if any, was taken back on screen.
   */
  function track(cardId: string, settled: Promise<void>, handled: Promise<void>) {
    writing.set(cardId, settled)
    void settled.then(() => {
      if (writing.get(cardId) === settled) writing.delete(cardId)
    })
    // Settled either way: a take-back that fails (the queue cannot be read) must not block undo
    // and new sessions for good; grade()'s own promise still reports it.
    written = Promise.all([written, handled.catch(() => undefined)]).then(() => undefined)
  }

  /** Every transaction under way has ended (not their take-backs). */
  function settled(): Promise<void> {
    return Promise.all([...writing.values()]).then(() => undefined)
  }

  /** Every write and its take-back, if it needed one, is done. */
  function done(): Promise<void> {
    return written
  }

  return { ofCard, track, settled, done }
}
