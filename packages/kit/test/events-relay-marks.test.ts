/** The relay's ordering of marks: in publish order, accepted batches coalesced, nothing marked past a failure. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { OrderedMarks } from '../src/events/relay-marks.ts';

function gate(): { promise: Promise<void>; open(): void; fail(error: Error): void } {
  let open!: () => void;
  let fail!: (error: Error) => void;
  const promise = new Promise<void>((resolve, reject) => ((open = resolve), (fail = reject)));
  return { promise, open, fail };
}

const tick = () => new Promise((r) => setImmediate(r));

describe('events: the relay marks batches in order', () => {
  it('marks in publish order whatever order the bus accepts them in, several accepted batches in one statement', async () => {
    const statements: number[][] = [];
    const slowMark = gate();
    const marks = new OrderedMarks(async (positions) => {
      statements.push(positions);
      if (statements.length === 1) await slowMark.promise;
    });
    const published = [gate(), gate(), gate(), gate()];
    const marked = published.map((p, i) => marks.add([i * 10 + 1, i * 10 + 2], p.promise));

    published[1]!.open(); // accepted before the first: must wait for it
    await tick();
    assert.deepEqual(statements, []);
    published[0]!.open();
    await tick();
    assert.deepEqual(statements, [[1, 2, 11, 12]], 'the first two together, in order');
    published[2]!.open(); // accepted while that mark runs…
    published[3]!.open();
    await tick();
    slowMark.open();
    await Promise.all(marked);
    assert.deepEqual(statements, [[1, 2, 11, 12], [21, 22, 31, 32]], '…and marked together by the next statement');
  });

  it('marks nothing after a batch the bus refused, and refuses later batches', async () => {
    const statements: number[][] = [];
    const marks = new OrderedMarks(async (positions) => void statements.push(positions));
    const first = gate();
    const second = gate();
    const a = marks.add([1], first.promise);
    const b = marks.add([2], second.promise);
    second.open();
    first.fail(new Error('broker gone'));
    await assert.rejects(a, /broker gone/);
    await assert.rejects(b, /broker gone/);
    await assert.rejects(marks.add([3], Promise.resolve()), /broker gone/);
    assert.deepEqual(statements, []);
  });
});
