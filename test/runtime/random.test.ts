import { describe, expect, it } from 'vitest';
import { newMessageSid, newRequestId } from '../../src/exotel/ids.js';
import { createRandom } from '../../src/runtime/random.js';

describe('seeded randomness', () => {
  it('repeats the same stream, ids and faker data for the same seed', () => {
    const draw = (seed: number) => {
      const random = createRandom(seed);
      return [
        random.next(),
        newRequestId(random),
        newMessageSid(random),
        random.faker.person.fullName(),
        random.int(1, 6),
      ];
    };
    expect(draw(99)).toEqual(draw(99));
    expect(draw(99)).not.toEqual(draw(100));
  });

  it('makes ids in Exotel’s formats', () => {
    const random = createRandom(1);
    for (let i = 0; i < 100; i++) {
      expect(newRequestId(random)).toMatch(/^[0-9a-f]{32}$/);
      expect(newMessageSid(random)).toMatch(/^[0-9A-Za-z]{32}$/);
    }
  });

  it('spreads draws evenly over [0, 1) and int over its whole range', () => {
    const random = createRandom(7);
    const buckets = new Array(10).fill(0);
    const faces = new Set<number>();
    for (let i = 0; i < 20_000; i++) {
      const x = random.next();
      expect(x).toBeGreaterThanOrEqual(0);
      expect(x).toBeLessThan(1);
      buckets[Math.floor(x * 10)]++;
      faces.add(random.int(1, 6));
    }
    for (const count of buckets) expect(Math.abs(count - 2000)).toBeLessThan(200);
    expect([...faces].sort()).toEqual([1, 2, 3, 4, 5, 6]);
  });
});
