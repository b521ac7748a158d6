import { describe, expect, it } from 'vitest';
import { readShareState } from './readShareState';
import { createDefaultShareState } from './shareState';

describe('readShareState', () => {
  it('fills every default from an empty document', () => {
    expect(readShareState({})).toEqual({
      ok: true,
      state: createDefaultShareState(),
      warnings: [],
    });
  });

  it('documents the defaults: 7.2, single-pass, AT&T, no features, no selection', () => {
    expect(createDefaultShareState()).toEqual({
      features: [],
      kernel: '7.2',
      engine: 'single-pass',
      sites: [],
      view: { syntax: 'att', teachingMode: false, compareLoops: false },
    });
  });

  it("defaults the engine to the chosen kernel's own loop", () => {
    const read = readShareState({ kernel: '6.12' });
    expect(read.ok && read.state.engine).toBe('multi-pass');
  });

  it('reads every field', () => {
    const doc = {
      scenario: 'site 0x10\n',
      features: ['XSAVEC', '10*32+1'],
      kernel: '6.12',
      engine: 'single-pass',
      site: '0xffffffff81283cd3',
      sites: ['0x10', '.text+0x40'],
      view: { syntax: 'intel', teachingMode: true, compareLoops: true },
    };
    expect(readShareState(doc)).toEqual({ ok: true, state: doc, warnings: [] });
  });

  it('reads featuresOff when present and leaves it out when absent', () => {
    const read = readShareState({ featuresOff: ['XSAVEC', '10*32+3'] });
    expect(read).toEqual({
      ok: true,
      state: { ...createDefaultShareState(), featuresOff: ['XSAVEC', '10*32+3'] },
      warnings: [],
    });
    expect(read.ok && 'featuresOff' in createDefaultShareState()).toBe(false);
  });

  it('ignores unknown keys with a warning naming them', () => {
    expect(readShareState({ kernel: '7.2', theme: 'dark', view: { fontSize: 3 } })).toEqual({
      ok: true,
      state: createDefaultShareState(),
      warnings: [
        'permalink JSON: ignored unknown key "theme"',
        'permalink JSON: ignored unknown key "view.fontSize"',
      ],
    });
  });

  it('caps the warnings a hostile document can produce', () => {
    const doc = Object.fromEntries(Array.from({ length: 500 }, (_, i) => [`k${i}`, i]));
    const read = readShareState(doc);
    expect(read.ok && read.warnings.length).toBe(21);
    expect(read.ok && read.warnings[20]).toBe('permalink JSON: 480 more unknown keys ignored');
  });

  it('treats __proto__ and constructor as unknown data, polluting nothing', () => {
    const doc: unknown = JSON.parse(
      '{"__proto__":{"kernel":"6.12","polluted":true},"constructor":{"x":1}}',
    );
    const read = readShareState(doc);
    expect(read).toEqual({
      ok: true,
      state: createDefaultShareState(),
      warnings: [
        'permalink JSON: ignored unknown key "__proto__"',
        'permalink JSON: ignored unknown key "constructor"',
      ],
    });
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });

  it.each([
    [
      { kernel: '6.11' },
      'permalink JSON: key "kernel" must be "6.1", "6.12", "7.2" or "7.3", not "6.11"',
    ],
    [
      { kernel: 7.2 },
      'permalink JSON: key "kernel" must be "6.1", "6.12", "7.2" or "7.3", not number 7.2',
    ],
    [
      { engine: 'both' },
      'permalink JSON: key "engine" must be "single-pass" or "multi-pass", not "both"',
    ],
    [
      { features: 'XSAVEC' },
      'permalink JSON: key "features" must be an array of strings, not "XSAVEC"',
    ],
    [
      { features: ['XSAVEC', 3] },
      'permalink JSON: key "features" item 1 must be a string, not number 3',
    ],
    [{ sites: [null] }, 'permalink JSON: key "sites" item 0 must be a string, not null'],
    [
      { featuresOff: 'XSAVEC' },
      'permalink JSON: key "featuresOff" must be an array of strings, not "XSAVEC"',
    ],
    [{ scenario: ['a'] }, 'permalink JSON: key "scenario" must be a string, not an array'],
    [{ site: 16 }, 'permalink JSON: key "site" must be a string, not number 16'],
    [{ site: 'x'.repeat(300) }, 'permalink JSON: key "site" is 300 characters long (at most 256)'],
    [{ view: true }, 'permalink JSON: key "view" must be an object, not boolean true'],
    [
      { view: { syntax: 'masm' } },
      'permalink JSON: key "view.syntax" must be "att" or "intel", not "masm"',
    ],
    [
      { view: { teachingMode: 'yes' } },
      'permalink JSON: key "view.teachingMode" must be true or false, not "yes"',
    ],
    [
      { view: { tab: 'narration' } },
      'permalink JSON: key "view.tab" must be "timeline", "loops", "ruler", "truth", "lints", "teach", "diff", "cpus" or "kernels", not "narration"',
    ],
  ])('rejects %j', (doc, message) => {
    expect(readShareState(doc)).toEqual({ ok: false, message });
  });

  it('rejects a document that is not an object', () => {
    expect(readShareState([1])).toEqual({
      ok: false,
      message: 'permalink JSON must be an object, not an array',
    });
    expect(readShareState(null)).toEqual({
      ok: false,
      message: 'permalink JSON must be an object, not null',
    });
  });

  it('rejects more features than any catalogue has', () => {
    const read = readShareState({ features: Array.from({ length: 5000 }, () => 'FPU') });
    expect(read).toEqual({
      ok: false,
      message: 'permalink JSON: key "features" has 5000 items (at most 4096)',
    });
  });
});
