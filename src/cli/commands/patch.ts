/**
 * `altscope patch <input> [--features LIST|@FILE]… [--cpuinfo FILE]… [--cpu PRESET]…
 * [--kernel 6.1|6.12|7.2|7.3] [--engine single-pass|multi-pass] [--json] [--syntax att|intel]
 * [--sites PATTERN]`: simulate a scenario's alternatives on a CPU (or several) and print what
 * each site becomes. Output is built completely before
 * anything is printed, so bad input never leaves half a report on stdout.
 */
import type { Diagnostic, KernelVersion, PatchLoop } from '../../core/model';
import { defaultLoop, KERNEL_VERSIONS, PATCH_LOOPS } from '../../core/model';
import type { PatchReport } from '../../core/patch/report';
import type { PreAlternatives } from '../../core/passes/preAlternatives';
import { lastValue, parseArgs } from '../args';
import type { CliIo } from '../io';
import { EXIT_BAD_INPUT, EXIT_KERNEL_BUG, EXIT_OK, formatLocated, writeStdout } from '../io';
import type { FeatureSet } from '../featureSets';
import { PATCH_USAGE } from './patchUsage';

const decodeUtf8 = (b: Uint8Array): string => new TextDecoder().decode(b);

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

  const {
    applySitesArg,
    bootInputOf,
    createDecoder,
    createDisassembler,
    formatPatchJson,
    formatPatchJsonBytes,
    PatchJsonWriter,
    formatPatchText,
    formatSetsJson,
    formatSetsText,
    hasPassTables,
    imageSymbols,
    passesThroughAlternatives,
    preAlternatives,
    readAnyInput,
    readCpu,
    readFeatureSets,
    readSystemMapFile,
    simulate,
    simulateBoot,
    simulateEach,
    tableSymbols,
    wantsFeatureSets,
  } = await import('./patchDeps');
  const file = args.positionals[0]!;
  let bytes: Uint8Array | undefined;
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
  // A vmlinuz's 14 MB are read: let them go while the boot runs (issue 13).
  bytes = undefined;
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

  const decoder = createDecoder();
  const dis = createDisassembler();
  let out: string | Uint8Array;
  let kernelBug = false;
  // The kernel runs retpolines, returns … before alternatives: on an image with those passes'
  // tables the sites start from the bytes they left (and --json says which pass wrote them).
  const image = input.kind === 'vmlinux' || input.kind === 'bzimage' ? input.image : undefined;
  const elf = input.elf;
  const withPasses = image && elf && hasPassTables(image.sections) && kernel === table.kernel;
  const shown = new Set(table.sites.map((s) => s.addr));
  const simulateSet = (features: Set<number>) => {
    if (!withPasses) return { report: simulate(table, { kernel, loop, features }, decoder) };
    const boot = simulateBoot(
      bootInputOf(elf, image, { features, loop, only: passesThroughAlternatives(kernel) }),
      decoder,
    );
    const report: PatchReport = {
      kernel,
      loop,
      features: [...features].sort((a, b) => a - b) as PatchReport['features'],
      sites: boot.altSites.map((s) => s.result).filter((r) => shown.has(r.addr)),
      diagnostics: boot.diagnostics,
    };
    const pre: Map<bigint, PreAlternatives> = preAlternatives(boot.runs, boot.altSites);
    return { report, pre };
  };
  const hasKernelBug = (ds: readonly Diagnostic[]): boolean =>
    ds.some((d) => d.code.startsWith('kernel-bug'));
  const json = args.flags.has('json');
  try {
    if (json && !withPasses) {
      // The scripted case, streamed: each site's JSON is written as it is simulated, so no
      // result outlives its site (one report per CPU with repeated --cpu/--features).
      const reports = sets.map((set) => {
        const w = new PatchJsonWriter({ kernel, loop }, table);
        const features = new Set<number>([...table.features, ...set.features]);
        const report = simulateEach(table, { kernel, loop, features }, decoder, (r, i) => {
          kernelBug ||= hasKernelBug(r.diagnostics);
          w.site(r, i);
        });
        kernelBug ||= hasKernelBug(report.diagnostics);
        return { set, bytes: w.finish(report.diagnostics) };
      });
      out = many
        ? formatSetsJson(reports.map((r) => ({ set: r.set, json: decodeUtf8(r.bytes) })))
        : reports[0]!.bytes;
    } else {
      const runs = sets.map((set) => {
        const features = new Set<number>([...table.features, ...set.features]);
        const { report, pre } = simulateSet(features);
        kernelBug ||=
          hasKernelBug(report.diagnostics) || report.sites.some((s) => hasKernelBug(s.diagnostics));
        return { set, report, pre };
      });
      const only = runs[0]!;
      if (!many)
        out = json
          ? formatPatchJsonBytes(only.report, table, only.pre)
          : formatPatchText(only.report, table, dis, syntax, symbols);
      else
        out = json
          ? formatSetsJson(
              runs.map((r) => ({ set: r.set, json: formatPatchJson(r.report, table, r.pre) })),
            )
          : formatSetsText(runs, dis, syntax, symbols);
    }
  } finally {
    decoder.dispose();
    dis.dispose();
  }
  const warnings = [...located, ...cpu.warnings];
  if (warnings.length > 0) io.stderr(warnings.join('\n') + '\n');
  if (typeof out === 'string') io.stdout(out);
  else writeStdout(io, out);
  return kernelBug ? EXIT_KERNEL_BUG : EXIT_OK;
}
