import { describe, expect, it } from 'vitest';
import { toAddr } from '../model';
import { deferLog, SiteRecord } from './lazyLog';
import type { SiteResult } from './report';

const record = () =>
  new SiteRecord(toAddr(0xffffffff81000000n), 3, new Uint8Array([1, 2, 3]), new Uint8Array(3));

describe('SiteRecord.log', () => {
  it('formats deferred lines once, on first read, in order', () => {
    const r = record();
    let calls = 0;
    deferLog(r, () => `a${++calls}`);
    deferLog(r, () => `b${++calls}`);
    expect(calls).toBe(0);
    expect(r.log).toEqual(['a1', 'b2']);
    expect(r.log).toBe(r.log);
    expect(calls).toBe(2);
  });

  it('formats a line at once when the log was already read', () => {
    const r = record();
    deferLog(r, () => 'first');
    expect(r.log).toEqual(['first']);
    deferLog(r, () => 'second');
    expect(r.log).toEqual(['first', 'second']);
  });

  it('assigning log replaces deferred lines; plain results get lines pushed', () => {
    const r = record();
    deferLog(r, () => 'dropped');
    r.log = ['kept'];
    expect(r.log).toEqual(['kept']);
    const plain = { log: [] as string[] } as unknown as SiteResult;
    deferLog(plain, () => 'now');
    expect(plain.log).toEqual(['now']);
  });
});
