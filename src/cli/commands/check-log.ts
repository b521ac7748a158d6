/**
 * `altscope check-log <log> [--elf vmlinux] [--kernel 6.1|6.12|7.2|7.3] [--json]`: recompute every site a
 * `debug-alternative` boot log patched and list each one whose bytes differ from altscope's.
 */
import { defaultLoop, type KernelVersion } from '../../core/model';
import { formatFeatureIndex } from '../../core/features/parse';
import { checkBootLog, type CheckResult } from '../../binary/bootlog/check';
import { parseBootLog } from '../../binary/bootlog/parse';
import { checkPassLog, type PassLogCheck } from '../../binary/bootlog/checkPasses';
import { parsePassLog } from '../../binary/bootlog/passLog';
import { bootInputOf, hasPassTables } from '../../binary/elf/bootImage';
import { simulateBoot } from '../../core/passes/boot';
import { readVmlinux } from '../../binary/elf/vmlinux';
import { createDecoder } from '../../disasm/node';
import { lastValue, parseArgs } from '../args';
import type { CliIo } from '../io';
import { EXIT_BAD_INPUT, EXIT_KERNEL_BUG, EXIT_OK } from '../io';
import { checkKernelArg, formatDiagnostics } from './kernelInput';

export const CHECK_LOG_USAGE = `usage: altscope check-log <log> [--elf vmlinux] [--kernel 6.1|6.12|7.2|7.3] [--json]
Reads the debug-alternative lines of a dmesg or serial console, rebuilds the patched sites
(original bytes from old_insn, replacements from rpl_insn), infers which features were on,
recomputes every site and lists each one where the log's final bytes and altscope's differ
(and, as notes, sites whose bytes agree but whose logged lines differ from the profile's).
  --elf FILE   take the whole table from this vmlinux and compare every site of its table;
               with the site tables of the other passes (.return_sites …) also verify every
               "retpoline at:", "return thunk at:" and "ENDBR at:" line and its orig/repl
  --kernel V   patch loop that printed the log (default: recognised from the log / the ELF)
  --json       machine-readable result
A log that ends at a site (the kernel BUG()ed there) is re-simulated up to that entry: the
same BUG in altscope is agreement ("kernel BUG reproduced"); getting through it is a
disagreement.
Exit status: 0 no disagreement (a reproduced BUG included); 1 some site disagrees; 2 bad usage
or input.
`;

const hex = (b: Uint8Array) => [...b].map((x) => x.toString(16).padStart(2, '0')).join(' ');

export async function runCheckLog(argv: readonly string[], io: CliIo): Promise<number> {
  const parsed = parseArgs(argv, { valued: ['elf', 'kernel'], boolean: ['json', 'help'] });
  if (!parsed.ok) return fail(io, `altscope check-log: ${parsed.message}\n\n${CHECK_LOG_USAGE}`);
  const args = parsed.args;
  if (args.flags.has('help')) {
    io.stdout(CHECK_LOG_USAGE);
    return EXIT_OK;
  }
  if (args.positionals.length !== 1)
    return fail(io, `altscope check-log: expected one <log> file\n\n${CHECK_LOG_USAGE}`);
  const kernelArg = lastValue(args, 'kernel');
  const bad = checkKernelArg(kernelArg);
  if (bad) return fail(io, `altscope check-log: ${bad}`);
  const kernel = kernelArg as KernelVersion | undefined;
  const file = args.positionals[0]!;
  const text = await readText(io, file);
  if (typeof text !== 'string') return fail(io, text.error);
  const { log, diagnostics } = parseBootLog(text);
  const warnings = formatDiagnostics(file, { diagnostics });
  if (log.tables.length === 0)
    return fail(
      io,
      [...warnings, `${file}: error: no debug-alternative "feat:" or "alt table" lines`].join('\n'),
    );

  const elfPath = lastValue(args, 'elf');
  let image;
  let elfBytes: Uint8Array | undefined;
  if (elfPath !== undefined) {
    let bytes: Uint8Array;
    try {
      bytes = await io.readFile(elfPath);
    } catch (e) {
      return fail(io, `altscope: cannot read ${elfPath}: ${(e as Error).message}`);
    }
    const r = readVmlinux(bytes, { kernel });
    if (!r.ok) return fail(io, formatDiagnostics(elfPath, r).join('\n'));
    image = r.value;
    elfBytes = bytes;
  }
  const decoder = createDecoder();
  let res: CheckResult;
  let passes: PassLogCheck | undefined;
  try {
    res = checkBootLog(log, { kernel, image, decoder });
    // The other passes' lines (retpolines, return thunks, ENDBR) need their site tables: --elf.
    if (image && elfBytes && res.tables[0] && hasPassTables(image.sections)) {
      const features = new Set(res.tables[0].present);
      const boot = simulateBoot(bootInputOf(elfBytes, image, { features }), decoder);
      passes = checkPassLog(parsePassLog(text).entries, boot.runs);
    }
  } finally {
    decoder.dispose();
  }
  const errors = res.diagnostics.filter((d) => d.severity === 'error');
  if (errors.length > 0 && res.tables.length === 0)
    return fail(io, formatDiagnostics(file, res).join('\n'));
  const all = [...warnings, ...formatDiagnostics(file, res)];
  if (all.length > 0) io.stderr(all.join('\n') + '\n');
  io.stdout(args.flags.has('json') ? formatJson(res, passes) : formatText(file, res, passes));
  const passDisagree = passes?.disagreements.length ?? 0;
  return res.disagreements > 0 || passDisagree > 0 ? EXIT_KERNEL_BUG : EXIT_OK;
}

function formatText(file: string, res: CheckResult, passes?: PassLogCheck): string {
  const out: string[] = [];
  for (const t of res.tables) {
    const name =
      t.start !== undefined ? `alt table ${t.start.toString(16)}` : 'log (no alt table line)';
    out.push(
      `${name} (line ${t.line}), ${t.kernel} ${defaultLoop(t.kernel)}: ${t.checked} sites checked, ${t.disagreements.length} disagree` +
        (t.unchecked
          ? `, ${t.unchecked} not checkable (only "optimized NOPs" logged; use --elf)`
          : '') +
        (t.unreached ? `, ${t.unreached} not reached (the log stops before them)` : ''),
    );
    out.push(`  features on:  ${t.present.map(formatFeatureIndex).join(' ') || '(none)'}`);
    out.push(`  features off: ${t.absent.map(formatFeatureIndex).join(' ') || '(none)'}`);
    if (t.changedBeforeAlternatives.length) {
      out.push(
        `  ${t.changedBeforeAlternatives.length} sites started from the log's old_insn (changed before alternatives ran): ${t.changedBeforeAlternatives.map((c) => c.symbol ?? c.addr.toString(16)).join(', ')}`,
      );
    }
    if (t.lineDifferences.length) {
      out.push(
        `  ${t.lineDifferences.length} site(s) agree in bytes but print other debug-alternative lines than ${t.kernel} would (first difference each):`,
      );
      for (const d of t.lineDifferences.slice(0, 20)) {
        out.push(`  ${file}:${d.line}: ${d.addr.toString(16)} ${d.symbol ?? ''}`);
        out.push(`      log:      ${d.log ?? '(nothing)'}`);
        out.push(`      altscope: ${d.altscope ?? '(nothing)'}`);
      }
    }
    for (const b of t.bugs) {
      out.push(
        `  ${file}:${b.line}: kernel BUG reproduced at ${b.addr.toString(16)} ${b.symbol ?? ''} entry #${b.entry}: ${b.message}`,
      );
    }
    for (const d of t.disagreements) {
      out.push(`${file}:${d.line}: ${d.addr.toString(16)} ${d.symbol ?? ''}`);
      if (d.reason) out.push(`    ${d.reason}`);
      out.push(`    log:      ${hex(d.log)}`);
      out.push(`    altscope: ${hex(d.altscope)}`);
    }
  }
  if (passes) out.push(...formatPassText(file, passes));
  const total = res.disagreements + (passes?.disagreements.length ?? 0);
  out.push(
    total === 0
      ? 'no disagreement'
      : `${res.disagreements} site(s) disagree` +
          (passes ? `, ${passes.disagreements.length} pass line(s) disagree` : ''),
  );
  return out.join('\n') + '\n';
}

function formatPassText(file: string, p: PassLogCheck): string[] {
  const out: string[] = [];
  for (const kind of Object.keys(p.checked) as (keyof PassLogCheck['checked'])[]) {
    const bad = p.disagreements.filter((d) => d.kind === kind).length;
    out.push(
      `${kind} at: ${p.checked[kind]} lines checked, ${bad} disagree` +
        (p.notLogged[kind]
          ? `; ${p.notLogged[kind]} records altscope makes are not in the log`
          : ''),
    );
  }
  for (const d of p.disagreements.slice(0, 50)) {
    out.push(`${file}:${d.line}: ${d.kind} at ${d.addr.toString(16)}: ${d.message}`);
  }
  return out;
}

function formatJson(res: CheckResult, passes?: PassLogCheck): string {
  const h = (b: Uint8Array) => hex(b).replaceAll(' ', '');
  return (
    JSON.stringify(
      {
        disagreements: res.disagreements,
        tables: res.tables.map((t) => ({
          start: t.start === undefined ? null : `0x${t.start.toString(16)}`,
          end: t.end === undefined ? null : `0x${t.end.toString(16)}`,
          line: t.line,
          kernel: t.kernel,
          checked: t.checked,
          unchecked: t.unchecked,
          ...(t.unreached ? { unreached: t.unreached } : {}),
          featuresOn: t.present.map(formatFeatureIndex),
          featuresOff: t.absent.map(formatFeatureIndex),
          changedBeforeAlternatives: t.changedBeforeAlternatives.map(
            (c) => `0x${c.addr.toString(16)}`,
          ),
          lineDifferences: t.lineDifferences.map((d) => ({
            addr: `0x${d.addr.toString(16)}`,
            symbol: d.symbol ?? null,
            line: d.line,
            log: d.log ?? null,
            altscope: d.altscope ?? null,
          })),
          disagreements: t.disagreements.map((d) => ({
            addr: `0x${d.addr.toString(16)}`,
            symbol: d.symbol ?? null,
            line: d.line,
            log: h(d.log),
            altscope: h(d.altscope),
            ...(d.reason ? { reason: d.reason } : {}),
          })),
          bugsReproduced: t.bugs.map((b) => ({
            addr: `0x${b.addr.toString(16)}`,
            symbol: b.symbol ?? null,
            line: b.line,
            entry: b.entry,
            message: b.message,
          })),
        })),
        ...(passes
          ? {
              passes: {
                checked: passes.checked,
                notLogged: passes.notLogged,
                disagreements: passes.disagreements.map((d) => ({
                  ...d,
                  addr: `0x${d.addr.toString(16)}`,
                })),
              },
            }
          : {}),
      },
      null,
      2,
    ) + '\n'
  );
}

async function readText(io: CliIo, path: string): Promise<string | { error: string }> {
  try {
    return new TextDecoder().decode(await io.readFile(path));
  } catch (e) {
    return { error: `altscope: cannot read ${path}: ${(e as Error).message}` };
  }
}

function fail(io: CliIo, message: string): number {
  io.stderr(`${message}\n`);
  return EXIT_BAD_INPUT;
}
