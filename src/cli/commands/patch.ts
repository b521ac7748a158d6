/**
 * `altscope patch <input> [--features LIST|@FILE] [--cpuinfo FILE] [--kernel 6.1|6.12|7.2|7.3]
 * [--engine single-pass|multi-pass] [--json] [--syntax att|intel]`: simulate a scenario's
 * alternatives on a CPU and print what each site becomes. Output is built completely before
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
import { bootInputOf, hasPassTables } from '../../binary/elf/bootImage';
import { passesThroughAlternatives, simulateBoot } from '../../core/passes/boot';
import { preAlternatives, type PreAlternatives } from '../../core/passes/preAlternatives';
import type { PatchReport } from '../../core/patch/report';
import { formatPatchJson } from '../patchJson';
import { formatPatchText } from '../patchText';
import { readAnyInput } from '../readInput';
import { readSystemMapFile } from './systemMapArg';

export const PATCH_USAGE = `usage: altscope patch <input> [--features LIST|@FILE] [--cpuinfo FILE]
                      [--kernel 6.1|6.12|7.2|7.3] [--engine single-pass|multi-pass] [--json]
                      [--syntax att|intel]
Simulates the alternatives of <input> (a text or JSON scenario, a vmlinux, .o/.ko, bzImage
or debug-alternative boot log, recognised by content) and prints, per site, the
original bytes, every entry and whether it is eligible, and the final bytes.
  --features LIST   present features: names (XSAVEOPT, X86_FEATURE_XSAVEOPT, xsaveopt),
                    X86_BUG_…, W*32+B or numbers, comma or space separated; @FILE reads a file
                    (one or more per line, # comments). Added to the scenario's own features.
  --cpuinfo FILE    add the flags and bugs of a /proc/cpuinfo
  --kernel V        kernel profile (default: the scenario's)
  --engine LOOP     patch loop (default: the profile's: 7.2 single-pass, 6.12 multi-pass)
  --json            machine-readable report
  --syntax S        disassembly syntax of the readable report (att, the default, or intel)
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
    valued: ['features', 'cpuinfo', 'kernel', 'engine', 'syntax', 'system-map'],
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
  const table = input.table;
  const kernel = (kernelArg as KernelVersion | undefined) ?? table.kernel;
  const loop = (engineArg as PatchLoop | undefined) ?? defaultLoop(kernel);
  const cpu = await readCpu(
    io,
    args.values.get('features') ?? [],
    lastValue(args, 'cpuinfo'),
    kernel,
  );
  if (cpu.errors.length > 0) return fail(io, [...located, ...cpu.errors].join('\n'));

  const features = new Set<number>([...table.features, ...cpu.features]);
  const decoder = makeIcedDecoder(iced);
  const dis = makeIcedDisassembler(iced);
  let out: string;
  let kernelBug: boolean;
  try {
    let report: PatchReport;
    let pre: Map<bigint, PreAlternatives> | undefined;
    const image = input.kind === 'vmlinux' || input.kind === 'bzimage' ? input.image : undefined;
    if (image && input.elf && hasPassTables(image.sections) && kernel === table.kernel) {
      // The kernel runs retpolines, returns … before alternatives: sites start from their bytes.
      const boot = simulateBoot(
        bootInputOf(input.elf, image, { features, loop, only: passesThroughAlternatives(kernel) }),
        decoder,
      );
      report = {
        kernel,
        loop,
        features: [...features].sort((a, b) => a - b) as PatchReport['features'],
        sites: boot.altSites.map((s) => s.result),
        diagnostics: boot.diagnostics,
      };
      pre = preAlternatives(boot.runs, boot.altSites);
    } else report = simulate(table, { kernel, loop, features }, decoder);
    kernelBug = [...report.diagnostics, ...report.sites.flatMap((s) => s.diagnostics)].some((d) =>
      d.code.startsWith('kernel-bug'),
    );
    out = args.flags.has('json')
      ? formatPatchJson(report, table, pre)
      : formatPatchText(report, table, dis, syntax);
  } finally {
    decoder.dispose();
    dis.dispose();
  }
  const warnings = [...located, ...cpu.warnings];
  if (warnings.length > 0) io.stderr(warnings.join('\n') + '\n');
  io.stdout(out);
  return kernelBug ? EXIT_KERNEL_BUG : EXIT_OK;
}
