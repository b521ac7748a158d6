/**
 * The bounded fuzz run of `npm test`: a fixed seed and a fixed number of mutants per target,
 * every reader and decoder reached through one entry point each (the worker's file reader for
 * ELF / .o / bzImage / boot log / System.map, both scenario parsers with the simulator behind
 * them, the permalink decoder). Per-module mutation tests (ELF, bzImage, System.map, boot log,
 * permalink) stay where they are; this adds mixed-format splices, boundary values in header
 * fields, token-level scenario damage and the simulator on whatever parses.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { loadCorpus, wrapBzImage } from '../../fixtures/hostile/corpus';
import { readRegionImage } from '../binary/kallsyms/regionImage';
import { createDecoder } from '../disasm/node';
import { createAssembler } from '../disasm/asm';
import { readKernelFile } from '../worker/readKernelFile';
import { seededRandom } from './mutators';
import { createTargets, runTarget } from './targets';

const SEED = 0x5eed_a175;
const ITERATIONS: Record<string, number> = {
  file: 2000,
  boot: 300,
  'scenario-text': 3000,
  'scenario-json': 2000,
  permalink: 2000,
  kallsyms: 300,
  btf: 2000,
};

const decoder = createDecoder();
afterAll(() => decoder.dispose());
const corpus = loadCorpus();

describe('fuzz: every input ends in a result or a diagnostic that says what is wrong', () => {
  for (const target of createTargets(corpus, decoder, createAssembler())) {
    it(`${target.name}: ${ITERATIONS[target.name]} seeded mutants`, async () => {
      const { ran, failure } = await runTarget(
        target,
        seededRandom(SEED ^ target.name.length),
        ITERATIONS[target.name] ?? 100,
      );
      expect(failure && { ...failure, input: `${failure.input.length} bytes` }).toBeNull();
      expect(ran).toBe(ITERATIONS[target.name]);
    }, 60_000);
  }
});

describe('the runner', () => {
  it('reports a throw, with the target, the seed input and the stack', async () => {
    const r = await runTarget(
      {
        name: 'thrower',
        mutate: () => ({ label: 'seed-0', input: new Uint8Array([1, 2]) }),
        check: () => Promise.reject(new RangeError('offset out of bounds')),
      },
      seededRandom(1),
      5,
    );
    expect(r.ran).toBe(1);
    expect(r.failure?.target).toBe('thrower');
    expect(r.failure?.label).toBe('seed-0');
    expect(r.failure?.problem).toMatch(/^threw: RangeError: offset out of bounds/);
  });
});

describe('the corpus itself reads cleanly (so mutants start from valid inputs)', () => {
  it('every seed file gives a table or, for System.map alone, the reason', async () => {
    const kinds: string[] = [];
    for (const f of corpus.files) {
      const r = await readKernelFile(f.bytes, f.name);
      kinds.push(`${f.name}:${r.kind}:${r.ok}`);
    }
    expect(kinds).toEqual([
      'mini-alt.elf:vmlinux:true',
      'mini-alt.o:relocatable:true',
      'mini-alt61.elf:vmlinux:true',
      'serial-6.1.log:bootlog:true',
      'vmlinuz.zst:bzimage:true',
      'vmlinuz.xz:bzimage:true',
      'xt_rateest.ko.xz:relocatable:true',
      'vmlinuz.gz:bzimage:true',
      'vmlinuz.lz4:bzimage:true',
      'serial-7.2.log:bootlog:true',
      'serial-6.12.log:bootlog:true',
      'System.map:system-map:false',
      'scenario-0.json:scenario-json:true',
      'scenario-1.json:scenario-json:true',
      'scenario.txt:scenario-text:true',
    ]);
    for (const k of corpus.kallsyms) {
      const r = readRegionImage({ name: '.rodata', bytes: k.bytes, addr: k.addr });
      expect([k.name, r.kallsyms.ok]).toEqual([k.name, true]);
    }
  });

  it('a bzImage whose payload is cut says where the payload was expected', async () => {
    const bz = wrapBzImage(new Uint8Array(64));
    const r = await readKernelFile(bz.subarray(0, 1100), 'vmlinuz');
    expect(r.ok).toBe(false);
    expect(r.diagnostics[0]?.message).toBe(
      'payload (offset 1040, length 64) is not inside the file (size 1100)',
    );
  });
});
