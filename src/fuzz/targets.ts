/**
 * What the fuzzer feeds and what it demands back. Every target takes a mutant and returns
 * null when the answer is acceptable — a result, or diagnostics whose errors say what is wrong
 * (a message, and for text inputs a line:column) — or a sentence saying what was not. A throw
 * is caught by the runner and is always a failure.
 */
import { bootInputOf } from '../binary/elf/bootImage';
import { readVmlinux } from '../binary/elf/vmlinux';
import type { AltTable, Diagnostic } from '../core/model';
import { simulateBoot } from '../core/passes/boot';
import type { Assembler, InsnDecoder } from '../core/ports';
import { simulate } from '../core/patch/simulate';
import { parseJsonScenario } from '../core/scenario/json';
import { parseTextScenario } from '../core/scenario/text';
import { decodePermalink } from '../permalink/codec';
import { readBtf } from '../binary/btf/types';
import { MAX_SLOTS } from '../binary/btf/members';
import { memberSymbols } from '../binary/btf/memberSymbols';
import { ReadAbort } from '../binary/result';
import { decodeTable, encodeTable } from '../worker/tableColumns';
import { readKernelFile } from '../worker/readKernelFile';
import { readRegionImage } from '../binary/kallsyms/regionImage';
import type { Rng } from './mutators';
import { mutateBytes, mutateText } from './mutators';

/** Seed inputs, by kind (loaded from fixtures by the caller: this module is pure). */
export interface Corpus {
  /** Kernel files: ELF, .o, bzImage, boot logs, System.map — read through the worker's reader. */
  files: { name: string; bytes: Uint8Array }[];
  /** Scenario texts (the examples). */
  scenarios: string[];
  /** Scenarios in the JSON form. */
  jsonScenarios: string[];
  /** Permalink fragments (`#v1=…`). */
  links: string[];
  /** `.rodata`-like regions holding kallsyms (6.1, 6.12, 7.x) and feature-name arrays. */
  kallsyms: { name: string; bytes: Uint8Array; addr: bigint }[];
  /** `.BTF` section contents (the pv_ops fixture). */
  btf: Uint8Array[];
}

export interface FuzzTarget {
  name: string;
  /** Make one mutant from the corpus; returned as bytes so crashes can be saved as files. */
  mutate(rnd: Rng): { label: string; input: Uint8Array };
  /** null when the answer is acceptable, else what is wrong with it. */
  check(input: Uint8Array): Promise<string | null>;
}

const utf8 = new TextEncoder();
const decodeUtf8 = (b: Uint8Array) => new TextDecoder('utf-8', { fatal: false }).decode(b);
const pickIndex = (rnd: Rng, n: number) => Math.floor(rnd() * n);

/** Errors must say something; text inputs must also say where. */
function checkDiagnostics(ds: readonly Diagnostic[], needTextLocation: boolean): string | null {
  for (const d of ds) {
    if (typeof d.message !== 'string' || d.message.trim() === '') {
      return `diagnostic ${d.code} has no message`;
    }
    if (needTextLocation && d.severity === 'error') {
      const l = d.location;
      if (!l || l.kind !== 'text' || !(l.line >= 1) || !(l.column >= 1)) {
        return `error "${d.message}" has no line:column`;
      }
    }
  }
  return null;
}

/** A table that parsed must simulate without throwing, in both loops. */
function checkSimulates(table: AltTable, decoder: InsnDecoder): string | null {
  for (const loop of ['single-pass', 'multi-pass'] as const) {
    const r = simulate(table, { kernel: table.kernel, loop, features: new Set() }, decoder);
    if (r.sites.length > table.sites.length) return `${loop}: more results than sites`;
  }
  return null;
}

function checkScenario(
  parsed: { table?: AltTable; diagnostics: Diagnostic[] },
  decoder: InsnDecoder,
  needTextLocation: boolean,
): string | null {
  const bad = checkDiagnostics(parsed.diagnostics, needTextLocation);
  if (bad) return bad;
  if (!parsed.table && !parsed.diagnostics.some((d) => d.severity === 'error')) {
    return 'no table and no error';
  }
  return parsed.table ? checkSimulates(parsed.table, decoder) : null;
}

export function createTargets(
  corpus: Corpus,
  decoder: InsnDecoder,
  assembler?: Assembler,
): FuzzTarget[] {
  const textTarget = (
    name: string,
    seeds: string[],
    parse: (t: string) => { table?: AltTable; diagnostics: Diagnostic[] },
    needTextLocation: boolean,
  ): FuzzTarget => ({
    name,
    mutate(rnd) {
      const i = pickIndex(rnd, seeds.length);
      const seed = seeds[i] ?? '';
      // Mostly token edits (reach deep into the grammar), sometimes raw byte damage.
      const input =
        rnd() < 0.7 ? utf8.encode(mutateText(seed, rnd)) : mutateBytes(utf8.encode(seed), rnd);
      return { label: `${name}[${i}]`, input };
    },
    check: async (input) => checkScenario(parse(decodeUtf8(input)), decoder, needTextLocation),
  });

  return [
    {
      name: 'file',
      mutate(rnd) {
        const i = pickIndex(rnd, corpus.files.length);
        const seed = corpus.files[i]!;
        const donor = corpus.files[pickIndex(rnd, corpus.files.length)]?.bytes;
        return { label: seed.name, input: mutateBytes(seed.bytes, rnd, donor) };
      },
      async check(input) {
        const r = await readKernelFile(input, 'fuzz-input');
        const bad = checkDiagnostics(r.diagnostics, false);
        if (bad) return bad;
        if (!r.ok) {
          return r.diagnostics.some((d) => d.severity === 'error') ? null : 'failed with no error';
        }
        if (!('table' in r)) return null;
        return checkSimulates(decodeTable(encodeTable(r.table).columns), decoder);
      },
    },
    {
      // Issue 10: the boot passes' table readers and every pass over whatever ELF still reads.
      name: 'boot',
      mutate(rnd) {
        const elves = corpus.files.filter((f) => f.bytes[0] === 0x7f && f.bytes[1] === 0x45);
        const i = pickIndex(rnd, elves.length);
        const seed = elves[i] ?? corpus.files[0]!;
        return { label: seed.name, input: mutateBytes(seed.bytes, rnd) };
      },
      async check(input) {
        const r = readVmlinux(input);
        if (!r.ok) return null;
        const boot = simulateBoot(bootInputOf(input, r.value, { features: new Set() }), decoder);
        return boot.runs.length > 0 ? null : 'no pass ran';
      },
    },
    {
      name: 'btf',
      mutate(rnd) {
        const i = pickIndex(rnd, corpus.btf.length);
        return { label: `btf[${i}]`, input: mutateBytes(corpus.btf[i] ?? new Uint8Array(), rnd) };
      },
      async check(input) {
        // A ReadAbort (with a message) or member symbols; any other throw fails the run.
        let btf;
        try {
          btf = readBtf(input);
        } catch (e) {
          if (!(e instanceof ReadAbort)) throw e;
          return e.message.trim() ? null : 'rejected with an empty message';
        }
        try {
          const syms = memberSymbols(btf, () => 0xffffffff82000000n);
          return syms.length <= 2 * MAX_SLOTS ? null : `${syms.length} member symbols`;
        } catch (e) {
          if (e instanceof ReadAbort) return e.message.trim() ? null : 'empty message';
          throw e;
        }
      },
    },
    // Macro statements (the lessons) reach the assembler when one is given.
    textTarget(
      'scenario-text',
      corpus.scenarios,
      (t) => parseTextScenario(t, undefined, undefined, assembler ? { assembler } : {}),
      true,
    ),
    textTarget('scenario-json', corpus.jsonScenarios, (t) => parseJsonScenario(t), true),
    {
      name: 'kallsyms',
      mutate(rnd) {
        const i = pickIndex(rnd, corpus.kallsyms.length);
        const seed = corpus.kallsyms[i]!;
        return { label: seed.name, input: mutateBytes(seed.bytes, rnd) };
      },
      async check(input) {
        // Every seed sits at one address (its pc-relative offsets assume it).
        const addr = corpus.kallsyms[0]?.addr ?? 0n;
        const r = readRegionImage({ name: '.rodata', bytes: input, addr });
        const bad = checkDiagnostics(r.kallsyms.diagnostics, false);
        if (bad) return bad;
        if (!r.kallsyms.ok) return null;
        const c = r.kallsyms.value.columns;
        for (let i = 0; i < c.count; i++) if (c.name(i) === undefined) return `no name for ${i}`;
        c.indexOf('nop_func');
        for (const [i, n] of r.featureNames?.names ?? [])
          if (!(i >= 0) || !n) return `feature ${i} has an empty name`;
        return null;
      },
    },
    {
      name: 'permalink',
      mutate(rnd) {
        const i = pickIndex(rnd, corpus.links.length);
        const seed = corpus.links[i] ?? '';
        const input =
          rnd() < 0.5 ? mutateBytes(utf8.encode(seed), rnd) : utf8.encode(mutateText(seed, rnd));
        return { label: `link[${i}]`, input };
      },
      async check(input) {
        const r = decodePermalink(decodeUtf8(input));
        if (r.ok) return null;
        return r.error.message.trim() ? null : 'rejected with an empty message';
      },
    },
  ];
}

/** One failure: which target, which seed input, the mutant, and what went wrong. */
export interface FuzzFailure {
  target: string;
  label: string;
  iteration: number;
  input: Uint8Array;
  problem: string;
}

/** Run `iterations` mutants of `target` from `seed`; stop at the first failure. */
export async function runTarget(
  target: FuzzTarget,
  rnd: Rng,
  iterations: number,
  shouldStop: () => boolean = () => false,
): Promise<{ ran: number; failure: FuzzFailure | null }> {
  for (let i = 0; i < iterations; i++) {
    if (shouldStop()) return { ran: i, failure: null };
    const { label, input } = target.mutate(rnd);
    let problem: string | null;
    try {
      problem = await target.check(input);
    } catch (e) {
      problem = `threw: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`;
    }
    if (problem)
      return { ran: i + 1, failure: { target: target.name, label, iteration: i, input, problem } };
  }
  return { ran: iterations, failure: null };
}
