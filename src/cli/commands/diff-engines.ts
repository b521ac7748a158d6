/**
 * `altscope diff-engines <input> [--features …] [--cpuinfo FILE] [--kernel 6.1|6.12|7.2|7.3] [--json]`:
 * single-pass and multi-pass on one table under one profile's NOP rules; every site whose final
 * bytes or diagnostics differ, with the cause named. Exit 1 when any differ. Sites where only an
 * intermediate multi-pass state differs are listed separately (text) and do not change the exit.
 */
import type { Diagnostic } from '../../core/model';
import type { LoopComparison } from '../../core/review';
import { compareLoops, formatAddr, toHex } from '../../core/review';
import { parseArgs } from '../args';
import type { CliIo } from '../io';
import { EXIT_BAD_INPUT } from '../io';
import { createReviewDeps, loadReviewInput, REVIEW_ARGS } from './lint';

export const DIFF_ENGINES_USAGE = `usage: altscope diff-engines <input> [--features LIST|@FILE] [--cpuinfo FILE]
                             [--kernel 6.1|6.12|7.2|7.3] [--sections ELF] [--json]
Runs single-pass and multi-pass on <input> with the same kernel profile and lists every site
whose final bytes or diagnostics differ, naming the cause (direct-call-order, padding, other;
intermediate-visible when multi-pass made other bytes live first). Exit 1 when any differ.
`;

const jsonDiagnostics = (ds: Diagnostic[]) =>
  ds.map((d) => ({ severity: d.severity, code: d.code, message: d.message }));

/** The JSON shape of one differing site (the issue's contract: exactly these keys). */
function toJsonSite(c: LoopComparison) {
  return {
    addr: formatAddr(c.addr),
    symbol: c.symbol ?? null,
    single: { final: toHex(c.single.final), diagnostics: jsonDiagnostics(c.single.diagnostics) },
    multi: {
      final: toHex(c.multi.final),
      diagnostics: jsonDiagnostics(c.multi.diagnostics),
      writes: c.multi.writes.map((w) => ({
        entry: w.entry,
        kind: w.kind,
        before: toHex(w.before),
        after: toHex(w.after),
      })),
    },
  };
}

function describeSite(c: LoopComparison): string {
  const head = `${formatAddr(c.addr)}${c.symbol ? ` <${c.symbol}>` : ''}`;
  const lines = [
    head,
    `  single-pass: ${toHex(c.single.final)}${c.single.diagnostics.map((d) => ` [${d.code}]`).join('')}`,
    `  multi-pass:  ${toHex(c.multi.final)}${c.multi.diagnostics.map((d) => ` [${d.code}]`).join('')}`,
    ...c.reasons.map((r) => `  ${r.cause}: ${r.detail}`),
  ];
  return lines.join('\n');
}

export async function runDiffEngines(argv: readonly string[], io: CliIo): Promise<number> {
  const parsed = parseArgs(argv, REVIEW_ARGS);
  if (!parsed.ok || parsed.args.values.has('engine')) {
    const why = parsed.ok ? '--engine makes no sense here: both loops run' : parsed.message;
    io.stderr(`altscope diff-engines: ${why}\n${DIFF_ENGINES_USAGE}`);
    return EXIT_BAD_INPUT;
  }
  if (parsed.args.flags.has('help')) {
    io.stdout(DIFF_ENGINES_USAGE);
    return 0;
  }
  const input = await loadReviewInput(io, parsed.args);
  if ('errors' in input) {
    io.stderr(input.errors.map((e) => `altscope diff-engines: ${e}\n`).join(''));
    return EXIT_BAD_INPUT;
  }
  const deps = createReviewDeps(input.kernel, input.sections);
  try {
    const cmp = compareLoops(input.table, deps, { kernel: input.kernel, features: input.features });
    if (parsed.args.flags.has('json')) {
      io.stdout(`${JSON.stringify({ sites: cmp.differing.map(toJsonSite) })}\n`);
    } else {
      const out = [
        `${cmp.differing.length} site${cmp.differing.length === 1 ? ' differs' : 's differ'} between single-pass and multi-pass (${input.kernel} profile)`,
        ...cmp.differing.map(describeSite),
        '',
        `${cmp.intermediateOnly.length} more site${cmp.intermediateOnly.length === 1 ? '' : 's'} end equal, but multi-pass made other bytes live first (intermediate-visible):`,
        ...cmp.intermediateOnly.map(
          (c) =>
            `${formatAddr(c.addr)}${c.symbol ? ` <${c.symbol}>` : ''}: ${c.intermediates.map((w) => toHex(w.bytes)).join(' → ')} → ${toHex(c.multi.final)}`,
        ),
      ];
      io.stdout(`${out.join('\n')}\n`);
    }
    return cmp.differing.length > 0 ? 1 : 0;
  } finally {
    deps.dispose();
  }
}
