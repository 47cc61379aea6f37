/**
 * Runs `fn` over `items` with at most `limit` calls in flight. After a failure no new call starts, and
 * the promise rejects with the first failure only once the calls in flight have settled: the caller's
 * cleanup (deleting a staging directory) must not race with writes still going into it.
 */
export async function mapLimit<T>(items: readonly T[], limit: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  let failure: { readonly error: unknown } | undefined;
  const worker = async (): Promise<void> => {
    while (failure === undefined && next < items.length) {
      const item = items[next];
      next += 1;
      try {
        if (item !== undefined) await fn(item);
      } catch (error) {
        failure ??= { error };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  if (failure !== undefined) throw failure.error;
}
