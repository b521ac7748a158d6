import type { DiffComparison } from '../../core/passes/compareDiff';
import type { UnexplainedRun } from '../../core/passes/explainDiff';

const bytesOf = (rs: readonly { bytes: Uint8Array }[]) =>
  rs.reduce((n, r) => n + r.bytes.length, 0);

/**
 * `memdiff --compare`: the score, then the unexplained runs grouped by cause and key (largest
 * first), then every run: `VA LEN cause [key]` with `extra` for bytes only altscope wrote.
 */
export function formatComparison(
  cmp: DiffComparison,
  runs: readonly UnexplainedRun[],
  ps: (addr: bigint) => string | undefined,
): string {
  const pct = cmp.realChanged ? ((100 * cmp.exact) / cmp.realChanged).toFixed(3) : '100.000';
  const out = [
    `${cmp.exact} of ${cmp.realChanged} changed bytes exact (${pct} %); ` +
      `${cmp.realChanged - cmp.exact} differ in ${cmp.wrong.length} runs; ` +
      `${bytesOf(cmp.extra)} bytes written that the boot left, in ${cmp.extra.length} runs`,
  ];
  const keyName = (k: bigint | undefined) =>
    k === undefined ? '' : (ps(k)?.replace(/\+0x0\/0x[0-9a-f]+$/, '') ?? `0x${k.toString(16)}`);
  const groups = new Map<string, { bytes: number; runs: number }>();
  for (const r of runs) {
    const g = `${r.cause}${r.key === undefined ? '' : `: ${keyName(r.key)}`}`;
    const e = groups.get(g) ?? { bytes: 0, runs: 0 };
    e.bytes += r.len;
    e.runs++;
    groups.set(g, e);
  }
  out.push('# by cause and key (bytes, runs):');
  for (const [g, e] of [...groups].sort((a, b) => b[1].bytes - a[1].bytes)) {
    out.push(`#   ${String(e.bytes).padStart(7)} ${String(e.runs).padStart(6)}  ${g}`);
  }
  for (const r of runs) {
    const where = ps(r.addr) ?? '';
    const key = r.key === undefined ? '' : ` ${keyName(r.key)}`;
    out.push(
      `${r.addr.toString(16).padStart(16, '0')} ${r.len} ${r.extra ? 'extra ' : ''}${r.cause}${key} ${where}`.trimEnd(),
    );
  }
  return out.join('\n') + '\n';
}
