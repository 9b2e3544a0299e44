import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CallbackAllowList } from '../../src/callbacks/allow-list.js';
import { MinHeap } from '../../src/callbacks/heap.js';

describe('MinHeap', () => {
  it('pops in (dueAt, seq) order whatever the push order', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 20 }), { maxLength: 200 }), (dues) => {
        const heap = new MinHeap<{ dueAt: number; seq: number }>();
        for (const [seq, dueAt] of dues.entries()) heap.push({ dueAt, seq });
        const out = [];
        for (let item = heap.pop(); item; item = heap.pop()) out.push(item);
        const expected = dues
          .map((dueAt, seq) => ({ dueAt, seq }))
          .sort((a, b) => a.dueAt - b.dueAt || a.seq - b.seq);
        expect(out).toEqual(expected);
      }),
    );
  });
});

describe('CallbackAllowList', () => {
  it.each([
    [['*'], 'https://anything.example.org/x', true],
    [['loopback'], 'http://127.0.0.1:9/dlr', true],
    [['loopback'], 'http://127.9.9.9/dlr', true],
    [['loopback'], 'http://localhost:3000/dlr', true],
    [['loopback'], 'http://[::1]:3000/dlr', true],
    [['loopback'], 'http://10.0.0.1/dlr', false],
    [['loopback'], 'https://hooks.example.com/dlr', false],
    [['10.0.0.0/8'], 'http://10.20.30.40/dlr', true],
    [['10.0.0.0/8'], 'http://11.0.0.1/dlr', false],
    [['fd00::/8'], 'http://[fd12::1]/dlr', true],
    [['hooks.example.com'], 'https://HOOKS.example.com/dlr', true],
    [['hooks.example.com'], 'https://evil.hooks.example.com.attacker.net/dlr', false],
    [['*.example.com'], 'https://a.b.example.com/dlr', true],
    [['*.example.com'], 'https://example.com.evil.net/dlr', false],
    [['192.168.1.5'], 'http://192.168.1.5:8080/dlr', true],
  ])('%j allows %s: %s', (entries, url, allowed) => {
    expect(new CallbackAllowList(entries).allows(url)).toBe(allowed);
  });

  it.each(['10.0.0.0/33', '1.2.3/8', 'bad host!', 'fd00::/129'])('refuses the entry %s', (entry) => {
    expect(() => new CallbackAllowList([entry])).toThrow(entry);
  });
});
