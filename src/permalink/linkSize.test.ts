import { describe, expect, it } from 'vitest';
import { EXAMPLES, defaultScenario } from '../examples';
import { buildLink } from './fragment';
import { createDefaultShareState } from './shareState';

/**
 * Links travel through mail and chat, where URLs past about 2,000 characters start to break.
 * The default scenario (and all examples together, ~5 KB) must fit well within that; measured
 * lengths are printed in docs/permalink.md.
 */
const BASE = 'http://127.0.0.1:5173/';

function linkLength(scenario: string): number {
  const built = buildLink(BASE, {
    ...createDefaultShareState(),
    scenario,
    features: ['XSAVEC', 'XSAVES', 'XENPV'],
    site: '0xffffffff81283cd3',
  });
  if (!built.ok) throw new Error(built.error.message);
  return built.url.length;
}

describe('link size', () => {
  it('keeps the default scenario link under 1,200 characters', () => {
    expect(linkLength(defaultScenario)).toBeLessThan(1200);
  });

  it('keeps every example plus the default scenario (~5 KB of text) under 2,000 characters', () => {
    const text = [defaultScenario, ...EXAMPLES.map((e) => e.text)].join('\n');
    expect(text.length).toBeGreaterThan(4000);
    expect(linkLength(text)).toBeLessThan(2000);
  });
});
