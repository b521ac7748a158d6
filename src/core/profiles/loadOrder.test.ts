/**
 * model.ts imports the profiles; the modules the profiles use must not import values back from
 * model.ts, or a program that loads one of them first sees half-built profiles. This file loads
 * log.ts first, as the CLI's check-log path does.
 */
import { formatFeatLine } from '../patch/log';
import { describe, expect, it } from 'vitest';
import { PROFILES } from '.';

describe('profile load order', () => {
  it('every profile function is defined whichever module loads first', () => {
    expect(typeof formatFeatLine).toBe('function');
    for (const p of PROFILES) {
      expect([
        p.version,
        typeof p.formatFeatLine,
        typeof p.optimizeNops,
        typeof p.relocate,
      ]).toEqual([p.version, 'function', 'function', 'function']);
    }
  });
});
