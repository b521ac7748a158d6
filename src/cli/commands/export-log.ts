/**
 * `altscope export-log <input> --features … [--kernel] [--engine] [--system-map FILE]`: the
 * `debug-alternative` lines the kernel would print for this input on that CPU, to diff against a
 * real boot (`dmesg | sed 's/^\[[^]]*\] //'`).
 */
import type { KernelVersion, PatchLoop } from '../../core/model';
import { defaultLoop, PATCH_LOOPS } from '../../core/model';
import { simulate } from '../../core/patch/simulate';
import { exportDebugLog, type AltBounds } from '../../binary/bootlog/export';
import { createDecoder } from '../../disasm/node';
import { exportPassLines } from '../../binary/bootlog/exportPasses';
import { bootInputOf, hasPassTables } from '../../binary/elf/bootImage';
import { simulateBoot } from '../../core/passes/boot';
import type { PatchReport } from '../../core/patch/report';
import { lastValue, parseArgs } from '../args';
import { readCpu } from '../features';
import type { CliIo } from '../io';
import { EXIT_BAD_INPUT, EXIT_OK } from '../io';
import { checkKernelArg, readKernelInput } from './kernelInput';

export const EXPORT_LOG_USAGE = `usage: altscope export-log <input> [--features LIST|@FILE] [--cpuinfo FILE]
                           [--kernel 6.1|6.12|7.2|7.3] [--engine single-pass|multi-pass]
                           [--system-map FILE]
Prints the debug-alternative (DA_ALT) lines the kernel would log for <input> (vmlinux, .o/.ko,
bzImage, boot log or scenario) on that CPU: "alt table" (when the table's address is known),
then per site feat:/old_insn/rpl_insn/final_insn/optimized NOPs in the profile's order, with the
"SMP alternatives: " prefix and no timestamps. A vmlinux that has the other passes' site tables
(.retpoline_sites, .return_sites, .ibt_endbr_seal) also gets their "retpoline at:", "return
thunk at:" and "ENDBR at:" lines, in the kernel's order.
`;

export async function runExportLog(argv: readonly string[], io: CliIo): Promise<number> {
  const parsed = parseArgs(argv, {
    valued: ['features', 'cpuinfo', 'kernel', 'engine', 'system-map'],
    boolean: ['help'],
  });
  if (!parsed.ok) return fail(io, `altscope export-log: ${parsed.message}\n\n${EXPORT_LOG_USAGE}`);
  const args = parsed.args;
  if (args.flags.has('help')) {
    io.stdout(EXPORT_LOG_USAGE);
    return EXIT_OK;
  }
  if (args.positionals.length !== 1)
    return fail(io, `altscope export-log: expected one <input> file\n\n${EXPORT_LOG_USAGE}`);
  const kernelArg = lastValue(args, 'kernel');
  const bad = checkKernelArg(kernelArg);
  if (bad) return fail(io, `altscope export-log: ${bad}`);
  const engineArg = lastValue(args, 'engine');
  if (engineArg !== undefined && !PATCH_LOOPS.includes(engineArg as PatchLoop)) {
    return fail(
      io,
      `altscope export-log: --engine must be ${PATCH_LOOPS.join(' or ')}, not '${engineArg}'`,
    );
  }
  const file = args.positionals[0]!;
  const read = await readKernelInput(
    io,
    file,
    kernelArg as KernelVersion | undefined,
    lastValue(args, 'system-map'),
  );
  if (!read.ok) return fail(io, read.message);
  const { input } = read;
  const table = input.table;
  const kernel = (kernelArg as KernelVersion | undefined) ?? table.kernel;
  const cpu = await readCpu(
    io,
    args.values.get('features') ?? [],
    lastValue(args, 'cpuinfo'),
    kernel,
  );
  if (cpu.errors.length > 0) return fail(io, cpu.errors.join('\n'));
  const bounds = boundsOf(input);
  const decoder = createDecoder();
  let lines: string[];
  try {
    const loop = (engineArg as PatchLoop | undefined) ?? defaultLoop(kernel);
    const features = new Set([...table.features, ...cpu.features]);
    const image = input.kind === 'vmlinux' ? input.image : undefined;
    if (image && hasPassTables(image.sections) && kernel === table.kernel) {
      // A kernel with the other passes' tables: their lines too, in alternative_instructions() order.
      const boot = simulateBoot(
        bootInputOf(await io.readFile(file), image, { features, loop }),
        decoder,
      );
      const report: PatchReport = {
        kernel,
        loop,
        features: [...features].sort((a, b) => a - b) as PatchReport['features'],
        sites: boot.altSites.map((s) => s.result),
        diagnostics: [],
      };
      const pass = exportPassLines(boot.runs, (a) => image.names.format(a));
      lines = [
        ...(pass.get('retpolines') ?? []),
        ...(pass.get('returns') ?? []),
        ...exportDebugLog(report, bounds),
        ...(pass.get('endbr-seal') ?? []),
      ];
    } else {
      const report = simulate(table, { kernel, loop, features }, decoder);
      lines = exportDebugLog(report, bounds);
    }
  } finally {
    decoder.dispose();
  }
  const warnings = [...read.warnings, ...cpu.warnings];
  if (warnings.length > 0) io.stderr(warnings.join('\n') + '\n');
  io.stdout(lines.length ? lines.join('\n') + '\n' : '');
  return EXIT_OK;
}

function boundsOf(input: {
  image?: { altStart: bigint; altEnd: bigint };
  log?: { tables: { start?: bigint; end?: bigint; sites: { records: unknown[] }[] }[] };
}): AltBounds | undefined {
  if (input.image) return { start: input.image.altStart, end: input.image.altEnd };
  const t = input.log?.tables.find((x) => x.sites.some((s) => s.records.length > 0));
  return t?.start !== undefined && t.end !== undefined ? { start: t.start, end: t.end } : undefined;
}

function fail(io: CliIo, message: string): number {
  io.stderr(`${message}\n`);
  return EXIT_BAD_INPUT;
}
