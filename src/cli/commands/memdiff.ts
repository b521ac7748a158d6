/**
 * `altscope memdiff <image> [--features …] [--kernel …] [--passes LIST]`: every run of kernel-text
 * bytes the boot rewrites, in the captures' `memdiff.txt` format (`VA HEXBYTES`, `#` comments).
 */
import { decompressFile, fileCompression } from '../../binary/compressedInput';
import { readBinaryInput } from '../../binary/detect';
import { bootInputOf } from '../../binary/elf/bootImage';
import { readBootTables } from '../../binary/elf/bootTables';
import type { SymbolIndex } from '../../binary/elf/kallsyms';
import type { KernelImage } from '../../binary/elf/vmlinux';
import type { KernelVersion } from '../../core/model';
import { simulateBoot } from '../../core/passes/boot';
import { recordWrote } from '../../core/passes/recordBytes';
import { formatDiffRun, MEMDIFF_HEADER } from '../../core/passes/memdiff';
import { getProfile } from '../../core/profiles';
import type { BootOptions, BootTables, PassName } from '../../core/passes/types';
import { createDecoder } from '../../disasm/node';
import { lastValue, parseArgs } from '../args';
import { readCpu } from '../features';
import type { CliIo } from '../io';
import { EXIT_BAD_INPUT, EXIT_KERNEL_BUG, EXIT_OK } from '../io';
import { parseMemdiff } from '../../binary/memdiffText';
import { compareDiffs } from '../../core/passes/compareDiff';
import { explainDiff } from '../../core/passes/explainDiff';
import { formatComparison } from './memdiffCompare';
import { checkKernelArg, formatDiagnostics } from './kernelInput';
import { readSystemMapFile } from './systemMapArg';

export const MEMDIFF_USAGE = `usage: altscope memdiff <vmlinux|vmlinuz> [--features LIST|@FILE] [--cpuinfo FILE]
                        [--kernel 6.12|7.2] [--passes LIST] [--return-thunk SYMBOL]
                        [--preempt none|voluntary|full|lazy] [--cpus N] [--system-map FILE]
                        [--tables IMAGE] [--compare MEMDIFF]
Runs the boot's text-patching passes in the kernel's order and prints one line "VA HEXBYTES"
per maximal run of bytes that differ from the file, over .text, .init.text, .altinstr_aux,
.altinstr_replacement, .exit.text and alternative sites elsewhere (the format of a capture's
memdiff.txt); a closing "#" comment counts the bytes each pass wrote.
  --passes LIST     only these passes (comma separated: ${getProfile('7.2').plan.passes.join(', ')})
  --return-thunk S  what x86_return_thunk points to (default: from the features)
  --preempt MODE    preempt= mode (default: the generation's Debian default)
  --cpus N          possible CPUs (1 patches lock prefixes to UP; default 2)
  --tables IMAGE    read the site tables <image> lacks from another image of the same kernel
                    (e.g. the vmlinuz's runtime_ptr_* sections, which a trimmed vmlinux drops)
  --compare FILE    compare with a real memdiff.txt instead: bytes exact, and every run altscope
                    does not reproduce with what can change it later in the boot (a jump label
                    or static call switched by a driver, a runtime constant only the machine knows)
Exit status: 0 printed (with --compare: no difference); 1 --compare found differences;
2 bad usage or input.
`;

const fail = (io: CliIo, m: string): number => (io.stderr(`${m}\n`), EXIT_BAD_INPUT);
const PREEMPT = ['none', 'voluntary', 'full', 'lazy'];

export async function runMemdiff(argv: readonly string[], io: CliIo): Promise<number> {
  const parsed = parseArgs(argv, {
    valued: [
      'features',
      'cpuinfo',
      'kernel',
      'passes',
      'return-thunk',
      'preempt',
      'cpus',
      'system-map',
      'tables',
      'compare',
    ],
    boolean: ['help'],
  });
  if (!parsed.ok) return fail(io, `altscope memdiff: ${parsed.message}\n\n${MEMDIFF_USAGE}`);
  const args = parsed.args;
  if (args.flags.has('help')) return (io.stdout(MEMDIFF_USAGE), EXIT_OK);
  if (args.positionals.length !== 1) {
    return fail(io, `altscope memdiff: expected one <image> file\n\n${MEMDIFF_USAGE}`);
  }
  const kernelArg = lastValue(args, 'kernel');
  const bad = checkKernelArg(kernelArg);
  if (bad) return fail(io, `altscope memdiff: ${bad}`);
  const options = readOptions(args.values);
  if (typeof options === 'string') return fail(io, `altscope memdiff: ${options}`);
  const file = args.positionals[0] as string;
  const names = await readSystemMapFile(io, lastValue(args, 'system-map'));
  if (!names.ok) return fail(io, names.message);
  const opts = { kernel: kernelArg as KernelVersion | undefined, names: names.names };
  const main = await readKernelElf(io, file, opts);
  if ('error' in main) return fail(io, main.error);
  const { image, elf } = main;
  const tablesFile = lastValue(args, 'tables');
  let more: BootTables | undefined;
  if (tablesFile !== undefined) {
    const other = await readKernelElf(io, tablesFile, { kernel: image.table.kernel });
    if ('error' in other) return fail(io, other.error);
    more = readBootTables(other.elf, other.image.sections, other.image.names);
  }
  const kernel = image.table.kernel;
  const cpu = await readCpu(
    io,
    args.values.get('features') ?? [],
    lastValue(args, 'cpuinfo'),
    kernel,
  );
  if (cpu.errors.length > 0) return fail(io, cpu.errors.join('\n'));
  const plan = getProfile(kernel).plan;
  const passesArg = lastValue(args, 'passes');
  const only = passesArg === undefined ? undefined : parsePasses(passesArg, plan.passes);
  if (typeof only === 'string') return fail(io, `altscope memdiff: ${only}`);

  const decoder = createDecoder();
  try {
    const input = bootInputOf(elf, image, {
      features: new Set([...image.table.features, ...cpu.features]),
      options: options.boot,
      only,
      more,
    });
    const res = simulateBoot(input, decoder);
    const compareFile = lastValue(args, 'compare');
    if (compareFile !== undefined) {
      let raw: Uint8Array;
      try {
        raw = await io.readFile(compareFile);
      } catch (e) {
        return fail(io, `altscope: cannot read ${compareFile}: ${(e as Error).message}`);
      }
      // The captures ship it as memdiff.txt.xz: read it as it is.
      const packed = fileCompression(raw);
      if (packed) {
        const out = await decompressFile(packed, raw);
        if (!out.ok)
          return fail(
            io,
            formatDiagnostics(compareFile, { diagnostics: [out.diagnostic] }).join('\n'),
          );
        raw = out.data;
      }
      const text = new TextDecoder().decode(raw);
      const real = parseMemdiff(text, compareFile);
      if (real.diagnostics.length > 0) {
        return fail(io, formatDiagnostics(compareFile, real).join('\n'));
      }
      const cmp = compareDiffs(res.diff, real.runs);
      const unexplained = explainDiff(cmp, input.tables, res.runs);
      io.stdout(formatComparison(cmp, unexplained, (a) => image.names.format(a)));
      return unexplained.length > 0 ? EXIT_KERNEL_BUG : EXIT_OK;
    }
    const lines = [MEMDIFF_HEADER, ...res.diff.map(formatDiffRun)];
    for (const run of res.runs) {
      const wrote = run.records.filter(recordWrote).length;
      lines.push(
        `# pass ${run.pass}: ${run.records.length} records, ${wrote} rewrites${run.missing ? ' (not modelled yet)' : ''}`,
      );
    }
    const warnings = [...main.warnings, ...cpu.warnings];
    if (warnings.length > 0) io.stderr(warnings.join('\n') + '\n');
    io.stdout(lines.join('\n') + '\n');
    return EXIT_OK;
  } finally {
    decoder.dispose();
  }
}

/** A vmlinux, or the ELF inside a vmlinuz, read with its names. */
async function readKernelElf(
  io: CliIo,
  file: string,
  opts: { kernel?: KernelVersion; names?: SymbolIndex },
): Promise<{ image: KernelImage; elf: Uint8Array; warnings: string[] } | { error: string }> {
  let bytes: Uint8Array;
  try {
    bytes = await io.readFile(file);
  } catch (e) {
    return { error: `altscope: cannot read ${file}: ${(e as Error).message}` };
  }
  // ELF or vmlinuz, also compressed (`vmlinux-passes.elf.xz`): the reader keeps the ELF bytes.
  const r = await readBinaryInput(bytes, opts);
  if (!r || (r.kind !== 'vmlinux' && r.kind !== 'bzimage')) {
    return {
      error: `${file}: error: not a vmlinux (ELF) or vmlinuz (bzImage): memdiff needs a kernel image`,
    };
  }
  if (!r.image || !r.elf) return { error: formatDiagnostics(file, r).join('\n') };
  return { image: r.image, elf: r.elf, warnings: formatDiagnostics(file, r) };
}

/** `--passes a,b`: names of the generation's passes. */
function parsePasses(value: string, known: readonly PassName[]): Set<PassName> | string {
  const out = new Set<PassName>();
  for (const p of value.split(/[\s,]+/).filter(Boolean)) {
    if (!known.includes(p as PassName))
      return `unknown pass '${p}' (this kernel: ${known.join(', ')})`;
    out.add(p as PassName);
  }
  return out;
}

function readOptions(values: Map<string, string[]>): { boot: BootOptions } | string {
  const last = (k: string) => values.get(k)?.at(-1);
  const boot: BootOptions = {};
  const thunk = last('return-thunk');
  if (thunk !== undefined) boot.returnThunk = thunk;
  const preempt = last('preempt');
  if (preempt !== undefined) {
    if (!PREEMPT.includes(preempt))
      return `--preempt must be ${PREEMPT.join(', ')}, not '${preempt}'`;
    boot.preempt = preempt as BootOptions['preempt'];
  }
  const cpus = last('cpus');
  if (cpus !== undefined) {
    if (!/^[1-9][0-9]{0,4}$/.test(cpus)) return `--cpus must be a positive number, not '${cpus}'`;
    boot.cpus = Number(cpus);
  }
  return { boot };
}
