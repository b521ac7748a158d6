/**
 * `altscope lint <input> [--features LIST|@FILE] [--cpuinfo FILE] [--kernel 6.1|6.12|7.2|7.3]
 * [--engine single-pass|multi-pass] [--sections ELF] [--json]`: every review lint per site.
 * Also home of the input loading shared with `diff-engines` (scenario, or a vmlinux ELF whose
 * section ranges feed the branch lints).
 */
import { readVmlinux } from '../../binary/elf/vmlinux';
import type { AltTable, FeatureIndex, KernelVersion, PatchLoop } from '../../core/model';
import { KERNEL_VERSIONS, PATCH_LOOPS, toAddr } from '../../core/model';
import type { NamedRange } from '../../core/review';
import { describeLint, formatAddr, lintTable } from '../../core/review';
import { lastValue, parseArgs } from '../args';
import type { ParsedArgs } from '../args';
import { readCpu } from '../features';
import type { CliIo } from '../io';
import { EXIT_BAD_INPUT, formatLocated } from '../io';
import { readInput } from '../readInput';
import { createReviewDeps } from '../../disasm/reviewDeps';

export const LINT_USAGE = `usage: altscope lint <input> [--features LIST|@FILE] [--cpuinfo FILE] [--kernel 6.1|6.12|7.2|7.3]
                     [--engine single-pass|multi-pass] [--sections ELF] [--json]
Checks every site: cpuid-mismatch, replacement-too-long, never-wins, branch-into-aux,
branch-into-site, bad-decode, and the kernel-bug diagnostics of the chosen loop (default: the
profile's own). <input> is a text or JSON scenario or a vmlinux; --sections takes the section
ranges (.altinstr_aux) from a vmlinux when <input> is a scenario. Exit 1 when a warning or error is found (info findings, such as deliberately disabled entries, do not count).
`;

/** What review commands load: the table, the CPU, the profile, section ranges. */
export interface ReviewInput {
  table: AltTable;
  features: FeatureIndex[];
  kernel: KernelVersion;
  loop?: PatchLoop;
  sections: NamedRange[];
}

const ELF_MAGIC = [0x7f, 0x45, 0x4c, 0x46];
const isElf = (b: Uint8Array) => ELF_MAGIC.every((m, i) => b[i] === m);

async function readBytes(io: CliIo, path: string): Promise<Uint8Array | string> {
  try {
    return await io.readFile(path);
  } catch (e) {
    return `cannot read ${path}: ${(e as Error).message}`;
  }
}

function sectionsOf(bytes: Uint8Array): NamedRange[] | string {
  const elf = readVmlinux(bytes);
  if (!elf.ok) return elf.diagnostics.map((d) => d.message).join('; ');
  return elf.value.sections
    .filter((s) => s.addr !== 0n && s.size > 0)
    .map((s) => ({ name: s.name, start: toAddr(s.addr), end: toAddr(s.addr + BigInt(s.size)) }));
}

/** Load `<input>` and the CPU options; errors are lines for stderr (exit 2). */
export async function loadReviewInput(
  io: CliIo,
  args: ParsedArgs,
): Promise<ReviewInput | { errors: string[] }> {
  const path = args.positionals[0];
  if (path === undefined || args.positionals.length > 1)
    return { errors: ['expected one <input>'] };
  const kernelArg = lastValue(args, 'kernel');
  if (kernelArg !== undefined && !KERNEL_VERSIONS.includes(kernelArg as KernelVersion))
    return { errors: [`--kernel must be one of ${KERNEL_VERSIONS.join(', ')}`] };
  const engine = lastValue(args, 'engine');
  if (engine !== undefined && !PATCH_LOOPS.includes(engine as PatchLoop))
    return { errors: [`--engine must be one of ${PATCH_LOOPS.join(', ')}`] };
  const bytes = await readBytes(io, path);
  if (typeof bytes === 'string') return { errors: [bytes] };
  let table: AltTable | undefined;
  let sections: NamedRange[] = [];
  if (isElf(bytes)) {
    const elf = readVmlinux(bytes, kernelArg ? { kernel: kernelArg as KernelVersion } : {});
    if (!elf.ok) return { errors: elf.diagnostics.map((d) => `${path}: error: ${d.message}`) };
    table = elf.value.table;
    const s = sectionsOf(bytes);
    if (typeof s !== 'string') sections = s;
  } else {
    const read = readInput(bytes, path);
    const errors = read.diagnostics.filter((d) => d.severity === 'error');
    if (!read.table || errors.length > 0) {
      return {
        errors: errors.map((d) =>
          formatLocated(
            path,
            d.location?.kind === 'text' ? d.location : undefined,
            'error',
            d.message,
          ),
        ),
      };
    }
    table = read.table;
  }
  const sectionsPath = lastValue(args, 'sections');
  if (sectionsPath !== undefined) {
    const elfBytes = await readBytes(io, sectionsPath);
    if (typeof elfBytes === 'string') return { errors: [elfBytes] };
    const s = sectionsOf(elfBytes);
    if (typeof s === 'string') return { errors: [`${sectionsPath}: error: ${s}`] };
    sections = s;
  }
  const kernel = (kernelArg as KernelVersion | undefined) ?? table.kernel;
  const cpu = await readCpu(
    io,
    args.values.get('features') ?? [],
    lastValue(args, 'cpuinfo'),
    kernel,
  );
  if (cpu.errors.length > 0) return { errors: cpu.errors };
  for (const w of cpu.warnings) io.stderr(`${w}\n`);
  return {
    table,
    features: cpu.features,
    kernel,
    ...(engine !== undefined ? { loop: engine as PatchLoop } : {}),
    sections,
  };
}

export { createReviewDeps };

export const REVIEW_ARGS = {
  valued: ['features', 'cpuinfo', 'kernel', 'engine', 'sections'],
  boolean: ['json', 'help'],
} as const;

export async function runLint(argv: readonly string[], io: CliIo): Promise<number> {
  const parsed = parseArgs(argv, REVIEW_ARGS);
  if (!parsed.ok) {
    io.stderr(`altscope lint: ${parsed.message}\n${LINT_USAGE}`);
    return EXIT_BAD_INPUT;
  }
  if (parsed.args.flags.has('help')) {
    io.stdout(LINT_USAGE);
    return 0;
  }
  const input = await loadReviewInput(io, parsed.args);
  if ('errors' in input) {
    io.stderr(input.errors.map((e) => `altscope lint: ${e}\n`).join(''));
    return EXIT_BAD_INPUT;
  }
  const deps = createReviewDeps(input.kernel, input.sections);
  try {
    const findings = lintTable(input.table, deps, {
      kernel: input.kernel,
      features: input.features,
      ...(input.loop ? { loop: input.loop } : {}),
    });
    const counts: Record<string, number> = {};
    for (const f of findings) counts[f.code] = (counts[f.code] ?? 0) + 1;
    if (parsed.args.flags.has('json')) {
      const list = findings.map((f) => ({
        code: f.code,
        severity: f.severity,
        addr: formatAddr(f.site),
        symbol: f.symbol ?? null,
        entry: f.entry ?? null,
        message: f.message,
      }));
      io.stdout(`${JSON.stringify({ findings: list, counts })}\n`);
    } else {
      const lines = findings.map(
        (f) =>
          `${formatAddr(f.site)}${f.symbol ? ` <${f.symbol}>` : ''}: ${f.severity}: ${f.code}: ${f.message}`,
      );
      const codes = Object.keys(counts).sort();
      const summary = codes.length
        ? codes.map(
            (c) =>
              `${c}: ${counts[c]} — ${describeLint(c).title}\n  ${describeLint(c).explanation}`,
          )
        : ['no findings'];
      io.stdout(`${[...lines, '', ...summary].join('\n')}\n`);
    }
    return findings.some((f) => f.severity !== 'info') ? 1 : 0;
  } finally {
    deps.dispose();
  }
}
