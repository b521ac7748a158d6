/**
 * `altscope diff-kernels <A> <B> [--features LIST|@FILE] [--cpuinfo FILE] [--json] [--all]`: two
 * kernels side by side. Sites are matched by function, then by the order and features of their
 * entries; each pair or lone site is added, removed, table, final or same. Exit 1 when any differ.
 */
import type { KernelVersion } from '../../core/model';
import { defaultLoop } from '../../core/model';
import { simulate } from '../../core';
import type { Disassembler } from '../../core/ports';
import { countChanges, diffKernels, toHex, type KernelSide } from '../../core/review';
import type { KernelChange, KernelSiteDiff, DiffKernel } from '../../core/review';
import { tableSymbols } from '../../core/symbols';
import { imageSymbols } from '../../binary/elf/vmlinux';
import { createDecoder, createDisassembler } from '../../disasm/node';
import { lastValue, parseArgs } from '../args';
import { readCpu } from '../features';
import type { CliIo } from '../io';
import { EXIT_BAD_INPUT, EXIT_KERNEL_BUG, EXIT_OK } from '../io';
import { readKernelInput } from './kernelInput';

export const DIFF_KERNELS_USAGE = `usage: altscope diff-kernels <A> <B> [--features LIST|@FILE] [--cpuinfo FILE] [--json] [--all]
Compares the alternatives of two kernels (vmlinux, bzImage, .o/.ko, boot log or scenario): sites
are matched by function, then by the order and features of their entries, and each is
  added    only in B            removed  only in A
  table    entries differ beyond relocation (features, flags, lengths, code)
  final    same table, other final bytes under the features
  same     nothing differs
The features (names, as for patch) apply to both. --all lists the same sites too.
--json prints {"sites":[{"change","a":{"addr","symbol","final"}|null,"b":…}]} for every site.
Exit status: 0 nothing differs; 1 something differs; 2 bad usage or input.
`;

const ORDER: readonly KernelChange[] = ['added', 'removed', 'table', 'final', 'same'];

function fail(io: CliIo, message: string): number {
  io.stderr(`${message}\n`);
  return EXIT_BAD_INPUT;
}

const jsonSide = (s: KernelSide | null) =>
  s
    ? {
        addr: `0x${s.site.addr.toString(16)}`,
        symbol: s.site.symbol ?? null,
        final: toHex(s.result.final),
      }
    : null;

function textSide(label: string, s: KernelSide | null, k: DiffKernel, dis: Disassembler): string {
  if (!s) return `  ${label} -`;
  const asm = dis
    .disassemble(s.result.final, s.site.addr, 'att', k.symbols)
    .map((i) => i.text)
    .join('; ');
  const entries = s.site.entries.length;
  return `  ${label} 0x${s.site.addr.toString(16)} ${s.site.symbol ?? ''}  ${entries} entr${entries === 1 ? 'y' : 'ies'}  final ${toHex(s.result.final)}  ${asm}`;
}

export async function runDiffKernels(argv: readonly string[], io: CliIo): Promise<number> {
  const parsed = parseArgs(argv, {
    valued: ['features', 'cpuinfo'],
    boolean: ['json', 'all', 'help'],
  });
  if (!parsed.ok)
    return fail(io, `altscope diff-kernels: ${parsed.message}\n\n${DIFF_KERNELS_USAGE}`);
  const args = parsed.args;
  if (args.flags.has('help')) {
    io.stdout(DIFF_KERNELS_USAGE);
    return EXIT_OK;
  }
  if (args.positionals.length !== 2)
    return fail(io, `altscope diff-kernels: expected two inputs <A> <B>\n\n${DIFF_KERNELS_USAGE}`);
  const decoder = createDecoder();
  const dis = createDisassembler();
  try {
    const kernels: DiffKernel[] = [];
    const warnings: string[] = [];
    for (const file of args.positionals) {
      const read = await readKernelInput(io, file, undefined, undefined);
      if (!read.ok) return fail(io, read.message);
      const table = read.input.table;
      const kernel: KernelVersion = table.kernel;
      // Feature names resolve per kernel: indices move between generations.
      const cpu = await readCpu(
        io,
        args.values.get('features') ?? [],
        lastValue(args, 'cpuinfo'),
        kernel,
      );
      if (cpu.errors.length > 0) return fail(io, cpu.errors.join('\n'));
      warnings.push(...read.warnings, ...cpu.warnings);
      const features = new Set([...table.features, ...cpu.features]);
      const report = simulate(table, { kernel, loop: defaultLoop(kernel), features }, decoder);
      const symbols = read.input.image ? imageSymbols(read.input.image) : tableSymbols(table);
      kernels.push({ table, results: report.sites, ...(symbols ? { symbols } : {}) });
    }
    const [a, b] = kernels as [DiffKernel, DiffKernel];
    const diffs = diffKernels(a, b, decoder);
    const counts = countChanges(diffs);
    if (warnings.length > 0) io.stderr(warnings.join('\n') + '\n');
    if (args.flags.has('json')) {
      const doc = {
        sites: diffs.map((d) => ({ change: d.change, a: jsonSide(d.a), b: jsonSide(d.b) })),
      };
      io.stdout(JSON.stringify(doc, null, 2) + '\n');
    } else io.stdout(formatText(diffs, counts, a, b, dis, args.flags.has('all')));
    return diffs.some((d) => d.change !== 'same') ? EXIT_KERNEL_BUG : EXIT_OK;
  } finally {
    decoder.dispose();
    dis.dispose();
  }
}

function formatText(
  diffs: readonly KernelSiteDiff[],
  counts: Record<KernelChange, number>,
  a: DiffKernel,
  b: DiffKernel,
  dis: Disassembler,
  all: boolean,
): string {
  const out = [
    `A: kernel ${a.table.kernel}, ${a.table.sites.length} sites; B: kernel ${b.table.kernel}, ${b.table.sites.length} sites`,
    ORDER.map((c) => `${c} ${counts[c]}`).join(', '),
    '',
  ];
  for (const d of diffs) {
    if (d.change === 'same' && !all) continue;
    out.push(d.change, textSide('a', d.a, a, dis), textSide('b', d.b, b, dis));
  }
  return out.join('\n') + '\n';
}
