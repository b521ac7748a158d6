import { describe, expect, it } from 'vitest';
import { parseTextScenario } from '../../core/scenario/text';
import { xstateXsave } from '../../examples/xstateXsave';
import { createDefaultShareState, encodePermalink } from '../../permalink';
import { buildOtherRun } from './buildOtherRun';

const XSAVEOPT = 10 * 32 + 0;
const XSAVEC = 10 * 32 + 1;
const ALWAYS = 3 * 32 + 21;
const current = {
  kernelChoice: null,
  loopChoice: null,
  features: { on: [XSAVEOPT, XSAVEC], off: [] },
};
const link = encodePermalink({
  ...createDefaultShareState(),
  scenario: xstateXsave.text,
  features: ['XSAVEOPT'],
  kernel: '6.12',
  engine: 'multi-pass',
});
const features = (r: ReturnType<typeof buildOtherRun>) =>
  r.ok ? [...r.run.options.features].sort((a, b) => a - b) : r.message;

describe('buildOtherRun', () => {
  it('takes features, kernel and loop from a pasted link (whole URL or fragment)', () => {
    for (const pasted of [`https://example.org/altscope/${link}`, `  ${link}\n`]) {
      const r = buildOtherRun(pasted, current, parseTextScenario);
      expect(r.ok && [r.run.label, r.run.options.kernel, r.run.options.loop]).toEqual([
        'link',
        '6.12',
        'multi-pass',
      ]);
      expect(features(r)).toEqual([ALWAYS, XSAVEOPT]);
    }
  });

  it('runs pasted scenario text with the current CPU choices', () => {
    const r = buildOtherRun(xstateXsave.text, current, parseTextScenario);
    expect(r.ok && [r.run.label, r.run.options.kernel, r.run.options.loop]).toEqual([
      'pasted',
      '7.2',
      'single-pass',
    ]);
    expect(features(r)).toEqual([ALWAYS, XSAVEOPT, XSAVEC]);
  });

  it('says why a paste cannot be compared, with the location', () => {
    expect(buildOtherRun(' ', current, parseTextScenario)).toEqual({
      ok: false,
      message: 'paste a scenario or an altscope link',
    });
    const bad = buildOtherRun('#v1=%%%', current, parseTextScenario);
    expect(bad.ok ? '' : bad.message).toMatch(/^the link could not be read: /);
    const text = buildOtherRun('kernel 7.2\nsite zz\n', current, parseTextScenario);
    expect(text.ok ? '' : text.message).toMatch(/^the pasted scenario has errors at 2:\d+: /);
  });
});
