/**
 * `altscope patch <input> [--features LIST|@FILE]… [--cpuinfo FILE]… [--cpu PRESET]…
 * [--kernel 6.12|7.2] [--engine single-pass|multi-pass] [--json] [--syntax att|intel]
 * [--sites PATTERN]`: simulate a scenario's alternatives on a CPU (or several) and print what
 * each site becomes. Output is built completely before
 * anything is printed, so bad input never leaves half a report on stdout.
 */
import * as iced from 'iced-x86';
import type { KernelVersion, PatchLoop } from '../../core/model';
import { defaultLoop, KERNEL_VERSIONS, PATCH_LOOPS } from '../../core/model';
import { simulate } from '../../core';
import { makeIcedDecoder } from '../../disasm/decoder';
import { makeIcedDisassembler } from '../../disasm/format';
import { lastValue, parseArgs } from '../args';
import { readCpu } from '../features';
import type { CliIo } from '../io';
import { EXIT_BAD_INPUT, EXIT_KERNEL_BUG, EXIT_OK, formatLocated } from '../io';
import { formatPatchJson } from '../patchJson';
import { formatPatchText } from '../patchText';
import { readAnyInput } from '../readInput';
import { applySitesArg } from '../sitesArg';
import { readFeatureSets, wantsFeatureSets, type FeatureSet } from '../featureSets';
import { formatSetsJson, formatSetsText } from '../patchSets';
import { imageSymbols } from '../../binary/elf/vmlinux';
import { tableSymbols } from '../../core/symbols';
import { readSystemMapFile } from './systemMapArg';

export const PATCH_USAGE = `usage: altscope patch <input> [--features LIST|@FILE]… [--cpuinfo FILE]… [--cpu PRESET]…
                      [--kernel 6.12|7.2] [--engine single-pass|multi-pass] [--json]
                      [--syntax att|intel] [--sites PATTERN[,PATTERN…]]
Simulates the alternatives of <input> (a text or JSON scenario, a vmlinux, .o/.ko, bzImage
or debug-alternative boot log, recognised by content) and prints, per site, the
original bytes, every entry and whether it is eligible, and the final bytes.
  --features LIST   present features: names (XSAVEOPT, X86_FEATURE_XSAVEOPT, xsaveopt),
                    X86_BUG_…, W*32+B or numbers, comma or space separated; @FILE reads a file
                    (one or more per line, # comments). Added to the scenario's own features.
  --cpuinfo FILE    add the flags and bugs of a /proc/cpuinfo
  --cpu NAME        a QEMU CPU preset: qemu64, max, Skylake-Client, EPYC
                    Several CPUs at once: repeat --features or --cpuinfo, or name --cpu
                    presets; each is one CPU. Text groups each site's final bytes by
                    outcome; --json prints {"sets":[{"label","report"}]}, one report per CPU.
  --kernel V        kernel profile (default: the scenario's)
  --engine LOOP     patch loop (default: the profile's: 7.2 single-pass, 6.12 multi-pass)
  --json            machine-readable report
  --syntax S        disassembly syntax of the readable report (att, the default, or intel)
  --sites P         only sites matching: an address, a %pS name or a function glob
  --system-map FILE name sites from a System.map (bzImage payloads carry no symbols)
Exit status: 0 patched; 1 the kernel would BUG() at some site (kernel-bug diagnostics, report
still printed); 2 bad usage or bad input (file:line:column messages on stderr, nothing on stdout).
`;

function fail(io: CliIo, message: string): number {
  io.stderr(`${message}\n`);
  return EXIT_BAD_INPUT;
}

export async function runPatch(argv: readonly string[], io: CliIo): Promise<number> {
  const parsed = parseArgs(argv, {
    valued: ['features', 'cpuinfo', 'cpu', 'kernel', 'engine', 'syntax', 'system-map', 'sites'],
    boolean: ['json', 'help'],
  });
  if (!parsed.ok) return fail(io, `altscope patch: ${parsed.message}\n\n${PATCH_USAGE}`);
  const args = parsed.args;
  if (args.flags.has('help')) {
    io.stdout(PATCH_USAGE);
    return EXIT_OK;
  }
  if (args.positionals.length !== 1)
    return fail(io, `altscope patch: expected one <input> file\n\n${PATCH_USAGE}`);
  const kernelArg = lastValue(args, 'kernel');
  const engineArg = lastValue(args, 'engine');
  const syntax = lastValue(args, 'syntax') ?? 'att';
  if (kernelArg !== undefined && !KERNEL_VERSIONS.includes(kernelArg as KernelVersion)) {
    return fail(
      io,
      `altscope patch: --kernel must be ${KERNEL_VERSIONS.join(' or ')}, not '${kernelArg}'`,
    );
  }
  if (engineArg !== undefined && !PATCH_LOOPS.includes(engineArg as PatchLoop)) {
    return fail(
      io,
      `altscope patch: --engine must be ${PATCH_LOOPS.join(' or ')}, not '${engineArg}'`,
    );
  }
  if (syntax !== 'att' && syntax !== 'intel')
    return fail(io, `altscope patch: --syntax must be att or intel, not '${syntax}'`);

  const file = args.positionals[0]!;
  let bytes: Uint8Array;
  try {
    bytes = await io.readFile(file);
  } catch (e) {
    return fail(io, `altscope: cannot read ${file}: ${(e as Error).message}`);
  }
  const names = await readSystemMapFile(io, lastValue(args, 'system-map'));
  if (!names.ok) return fail(io, names.message);
  const input = await readAnyInput(bytes, file, {
    kernel: kernelArg as KernelVersion | undefined,
    names: names.names,
  });
  const located = input.diagnostics.map((d) =>
    formatLocated(
      file,
      d.location?.kind === 'text' ? d.location : undefined,
      d.severity,
      d.location?.kind === 'offset'
        ? `${d.message} (at byte offset ${d.location.offset})`
        : d.message,
    ),
  );
  if (!input.table) return fail(io, located.join('\n'));
  const narrowed = applySitesArg(input.table, args, 'patch');
  if (!narrowed.ok) return fail(io, [...located, narrowed.message].join('\n'));
  const table = narrowed.table;
  const symbols = input.image ? imageSymbols(input.image) : tableSymbols(input.table);
  const kernel = (kernelArg as KernelVersion | undefined) ?? table.kernel;
  const loop = (engineArg as PatchLoop | undefined) ?? defaultLoop(kernel);
  const many = wantsFeatureSets(args);
  const cpu = many
    ? await readFeatureSets(io, args, kernel)
    : await readCpu(io, args.values.get('features') ?? [], lastValue(args, 'cpuinfo'), kernel);
  if (cpu.errors.length > 0) return fail(io, [...located, ...cpu.errors].join('\n'));
  const sets: FeatureSet[] = 'sets' in cpu ? cpu.sets : [{ label: '', features: cpu.features }];

  const decoder = makeIcedDecoder(iced);
  const dis = makeIcedDisassembler(iced);
  let out: string;
  let kernelBug = false;
  try {
    const runs = sets.map((set) => {
      const features = new Set<number>([...table.features, ...set.features]);
      const report = simulate(table, { kernel, loop, features }, decoder);
      kernelBug ||= [...report.diagnostics, ...report.sites.flatMap((s) => s.diagnostics)].some(
        (d) => d.code.startsWith('kernel-bug'),
      );
      return { set, report };
    });
    const json = args.flags.has('json');
    const only = runs[0]!;
    if (!many)
      out = json
        ? formatPatchJson(only.report, table)
        : formatPatchText(only.report, table, dis, syntax, symbols);
    else
      out = json
        ? formatSetsJson(runs.map((r) => ({ set: r.set, json: formatPatchJson(r.report, table) })))
        : formatSetsText(runs, dis, syntax, symbols);
  } finally {
    decoder.dispose();
    dis.dispose();
  }
  const warnings = [...located, ...cpu.warnings];
  if (warnings.length > 0) io.stderr(warnings.join('\n') + '\n');
  io.stdout(out);
  return kernelBug ? EXIT_KERNEL_BUG : EXIT_OK;
}
