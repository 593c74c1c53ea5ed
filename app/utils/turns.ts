/**
 * Turns in arrival order: take() resolves once every earlier holder has released. The database adapters
 * use it for one thing at a time on a connection (SQLite's one, a PostgreSQL transaction's) and for one
 * transaction at a time per process (PostgreSQL's, so that waiting for the turn holds no connection).
 */
export function turns() {
  let tail: Promise<void> = Promise.resolve();
  return {
    take(): Promise<() => void> {
      let release!: () => void;
      const mine = new Promise<void>((resolve) => (release = resolve));
      const before = tail;
      tail = before.then(() => mine);
      return before.then(() => release);
    },
  };
}

/** Runs `work` in its turn of `queue`, and gives the turn back however it ends. */
export async function inTurn<T>(queue: ReturnType<typeof turns>, work: () => Promise<T>): Promise<T> {
  const release = await queue.take();
  try {
    return await work();
  } finally {
    release();
  }
}
