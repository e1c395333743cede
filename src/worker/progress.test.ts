import { describe, expect, it } from 'vitest';
import { throttle } from './progress';

describe('import progress', () => {
  it('reaches the page at most every 250 ms, and the last value always arrives', () => {
    let t = 0;
    const sent: number[] = [];
    const p = throttle(
      (v: number) => sent.push(v),
      250,
      () => t,
    );
    for (let i = 1; i <= 1000; i++) {
      t = i; // one report a millisecond for a second
      p.report(i);
    }
    p.flush();
    expect(sent).toEqual([1, 251, 501, 751, 1000]);
    p.flush();
    expect(sent).toHaveLength(5); // nothing held back: nothing more sent
  });
});
