import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { mapLimit } from '../../src/emit/map-limit.js';

const tick = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

test('never more than `limit` calls in flight, every item once', async () => {
  let inFlight = 0;
  let peak = 0;
  const seen: number[] = [];
  await mapLimit([1, 2, 3, 4, 5, 6, 7], 3, async (n) => {
    inFlight += 1;
    peak = Math.max(peak, inFlight);
    await tick(n % 3);
    seen.push(n);
    inFlight -= 1;
  });
  assert.is(peak, 3);
  assert.equal(seen.sort(), [1, 2, 3, 4, 5, 6, 7]);
});

test('after a failure no new call starts, and it rejects only once the calls in flight have finished', async () => {
  const started: number[] = [];
  const finished: number[] = [];
  const failure = new Error('disk full');
  const run = mapLimit([1, 2, 3, 4, 5, 6], 2, async (n) => {
    started.push(n);
    if (n === 1) throw failure;
    await tick(20);
    finished.push(n);
  });
  await run.then(
    () => assert.unreachable('should reject'),
    (error: unknown) => assert.is(error, failure),
  );
  // Item 2 was already running when 1 failed: the caller's cleanup must not race with it.
  assert.equal(started, [1, 2]);
  assert.equal(finished, [2]);
});

test.run();
