import { randomInt } from 'node:crypto';
import type { Faker, Randomizer } from '@faker-js/faker';
import { faker as indianFaker } from '@faker-js/faker/locale/en_IN';

/**
 * The one source of randomness. Everything random in the emulator (ids, faker data,
 * scenario dice, timeline jitter) draws from a `Random`, so one `--seed` replays a run.
 */
export interface Random {
  readonly seed: number;
  /** A float in [0, 1). */
  next(): number;
  /** An integer in [min, max], both inclusive. */
  int(min: number, max: number): number;
  /** `length` characters drawn from `alphabet`. */
  string(length: number, alphabet: string): string;
  /** Realistic fake data (Indian locale), drawing on the same stream. */
  readonly faker: Faker;
  /**
   * An independent stream derived from this one's seed and `label`: what draws from one stream
   * never shifts another, so a health poll cannot change the sids of the messages after it.
   */
  fork(label: string): Random;
}

/** A seed for when the user gives none: printed at startup so the run can be replayed. */
export function freshSeed(): number {
  return randomInt(1, 2 ** 31 - 1);
}

/**
 * sfc32 (Small Fast Counting, from PractRand): 128 bits of state, passes BigCrush,
 * and a few integer ops per draw, so ids stay cheap on the send path.
 */
export function createRandom(seed: number): Random {
  let a = 0x9e3779b9;
  let b = 0x243f6a88;
  let c = 0xb7e15162;
  let d = seed >>> 0;
  const next = (): number => {
    a >>>= 0;
    b >>>= 0;
    c >>>= 0;
    d >>>= 0;
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return (t >>> 0) / 4294967296;
  };
  // Mix the seed in before the first draw, as the generator's authors recommend.
  for (let i = 0; i < 15; i++) next();

  const randomizer: Randomizer = { next, seed: () => {} };
  // The locale module exports a ready instance; building our own from its constructor and
  // definitions gives faker our seeded stream without importing all 60+ locales (~100 ms).
  const FakerClass = indianFaker.constructor as new (options: {
    locale: Faker['rawDefinitions'];
    randomizer: Randomizer;
  }) => Faker;
  let faker: Faker | undefined;

  return {
    seed,
    next,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    string(length, alphabet) {
      let out = '';
      for (let i = 0; i < length; i++) out += alphabet[Math.floor(next() * alphabet.length)];
      return out;
    },
    get faker() {
      faker ??= new FakerClass({ locale: indianFaker.rawDefinitions, randomizer });
      return faker;
    },
    fork: (label) => createRandom(deriveSeed(seed, label)),
  };
}

/** FNV-1a over the seed and the label: a stable 32-bit seed per (seed, label). */
function deriveSeed(seed: number, label: string): number {
  let hash = 0x811c9dc5 ^ seed;
  for (const char of `:${label}`) hash = Math.imul(hash ^ (char.codePointAt(0) ?? 0), 0x01000193);
  return hash >>> 0;
}
