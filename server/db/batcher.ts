/**
 * Group commit for one kind of write. Callers hand in one item each and wait for its own outcome;
 * items that arrive in the same turn of the event loop, or while `inFlight` writes are already
 * running, wait together and go in the next write as one batch (at most `maxBatch`). Nothing waits
 * on a timer: a lone item is written in the turn it arrived, and batches only form when work is
 * queueing anyway, so under load one statement, one commit and one round trip serve many callers.
 *
 * `write` answers one outcome per item, in order. If it throws (a constraint one item broke, a lost
 * connection), each item of that batch is written again on its own, so one bad item fails alone and
 * a database outage reaches every caller as its own error. A caller is answered only after the
 * statement that holds its item has committed.
 */
export type Outcome<O> = { ok: true; value: O } | { ok: false; error: unknown };

export interface BatcherOptions {
  maxBatch: number;
  inFlight: number;
}

export interface Batcher<I, O> {
  (item: I): Promise<O>;
  /** Sizes of the batches written so far (for tests and benchmarks); at most the last 10,000. */
  readonly sizes: number[];
}

interface Waiting<I, O> {
  item: I;
  resolve: (value: O) => void;
  reject: (error: unknown) => void;
}

export function createBatcher<I, O>(
  write: (items: readonly I[]) => Promise<Outcome<O>[]>,
  options: BatcherOptions,
): Batcher<I, O> {
  const maxBatch = Math.max(1, options.maxBatch);
  const limit = Math.max(1, options.inFlight);
  const queue: Waiting<I, O>[] = [];
  const sizes: number[] = [];
  let running = 0;

  const settle = (w: Waiting<I, O>, o: Outcome<O> | undefined) => {
    if (o?.ok) w.resolve(o.value);
    else w.reject(o ? o.error : new Error("batch write answered fewer outcomes than items"));
  };

  const writeOne = async (w: Waiting<I, O>) => {
    try {
      settle(w, (await write([w.item]))[0]);
    } catch (err) {
      w.reject(err);
    }
  };

  const pump = () => {
    while (running < limit && queue.length > 0) {
      const batch = queue.splice(0, maxBatch);
      running += 1;
      sizes.push(batch.length);
      if (sizes.length > 10_000) sizes.splice(0, sizes.length - 10_000);
      void (async () => {
        try {
          const outcomes = await write(batch.map((w) => w.item));
          for (const [i, w] of batch.entries()) settle(w, outcomes[i]);
        } catch (err) {
          if (batch.length === 1) batch[0]!.reject(err);
          else await Promise.all(batch.map(writeOne));
        } finally {
          running -= 1;
          pump();
        }
      })();
    }
  };

  // A new item starts a write only after the event loop has handled the other requests that were
  // ready at the same moment (setImmediate runs after the poll phase), so they join it. This
  // matters most on the embedded database, whose statements run on this thread and block it: no
  // item could ever arrive while a write is running there.
  let scheduled = false;
  const submit = (item: I) =>
    new Promise<O>((resolve, reject) => {
      queue.push({ item, resolve, reject });
      if (!scheduled) {
        scheduled = true;
        setImmediate(() => {
          scheduled = false;
          pump();
        });
      }
    });
  return Object.assign(submit, { sizes });
}
