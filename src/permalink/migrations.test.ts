import { describe, expect, it } from 'vitest';
import { fail } from './errors';
import type { StepResult } from './errors';
import { readAndUpgrade } from './migrations';
import type { PermalinkFormat } from './migrations';

/**
 * A made-up history, to prove the chain: v1 stored `{"loop":…}`, v2 renamed it `engine`, v3
 * nested it under `patch`. A v1 link must arrive as a v3 document through both steps in order.
 */
const asRecord = (doc: unknown): Record<string, unknown> => doc as Record<string, unknown>;
const readJson = (payload: string): StepResult<unknown> => {
  try {
    return { ok: true, value: JSON.parse(payload) as unknown };
  } catch {
    return fail('bad-json', 'not json');
  }
};
const chain: PermalinkFormat[] = [
  {
    version: 1,
    readPayload: readJson,
    upgrade: (doc) => {
      const { loop, ...rest } = asRecord(doc);
      return { ok: true, value: loop === undefined ? rest : { ...rest, engine: loop } };
    },
  },
  {
    version: 2,
    readPayload: readJson,
    upgrade: (doc) => {
      const { engine, ...rest } = asRecord(doc);
      if (engine === 'both') return fail('bad-upgrade', 'v2 "engine": "both" has no v3 form');
      return { ok: true, value: { ...rest, patch: { engine } } };
    },
  },
  { version: 3, readPayload: readJson },
];

describe('readAndUpgrade', () => {
  it('upgrades the oldest version through every step in order', () => {
    expect(readAndUpgrade(1, '{"loop":"multi-pass","kernel":"6.12"}', chain)).toEqual({
      ok: true,
      value: { kernel: '6.12', patch: { engine: 'multi-pass' } },
    });
  });

  it('starts at the version the link was written in', () => {
    expect(readAndUpgrade(2, '{"engine":"single-pass"}', chain)).toEqual({
      ok: true,
      value: { patch: { engine: 'single-pass' } },
    });
    expect(readAndUpgrade(3, '{"patch":{}}', chain)).toEqual({ ok: true, value: { patch: {} } });
  });

  it('stops at the first failing step with its error', () => {
    expect(readAndUpgrade(1, '{"loop":"both"}', chain)).toEqual(
      fail('bad-upgrade', 'v2 "engine": "both" has no v3 form'),
    );
    expect(readAndUpgrade(1, '{', chain)).toEqual(fail('bad-json', 'not json'));
  });

  it('refuses versions it does not know, saying which is newest', () => {
    expect(readAndUpgrade(4, '{}', chain)).toEqual(
      fail(
        'unsupported-version',
        'permalink version 4 is newer than this altscope understands (newest: 3)',
      ),
    );
    expect(readAndUpgrade(0, '{}', chain)).toEqual(
      fail('unsupported-version', 'permalink version 0 is not a known version (newest: 3)'),
    );
  });

  it('reports a chain that lacks an upgrade step instead of skipping it', () => {
    const broken: PermalinkFormat[] = [chain[0]!, { version: 2, readPayload: readJson }, chain[2]!];
    expect(readAndUpgrade(2, '{}', broken)).toEqual(
      fail('internal', 'permalink version 2 has no upgrade to version 3'),
    );
  });
});
