import { formatDump, formatPx } from '../../core/patch/bytes';
import { LOG_PREFIX } from '../../core/patch/log';
import type { PassRun } from '../../core/passes/pipeline';
import { recordWrote } from '../../core/passes/recordBytes';
import type { PassName, PassRecord } from '../../core/passes/types';

/** `%pS` of an address (`symbol+0xoff/0xsize`), as the image's names give it. */
export type FormatSymbol = (addr: bigint) => string | undefined;

/**
 * The lines the other alternative.c passes print with `debug-alternative`, per pass, in the
 * order the kernel prints them: `retpoline at:` (every thunk call, with orig/repl when
 * rewritten), `return thunk at:` and `ENDBR at:` (with orig/repl).
 */
export function exportPassLines(
  runs: readonly PassRun[],
  ps: FormatSymbol,
): Map<PassName, string[]> {
  const out = new Map<PassName, string[]>();
  for (const run of runs) {
    const lines: string[] = [];
    for (const r of run.records) {
      if (run.pass === 'retpolines' && !r.what.startsWith('not ')) {
        lines.push(at('retpoline', r, ps, true), ...dumps(r, recordWrote(r)));
      } else if (run.pass === 'returns' && (r.what === 'ret; int3' || r.what.startsWith('jmp '))) {
        lines.push(at('return thunk', r, ps, true), ...dumps(r, true));
      } else if (run.pass === 'endbr-seal' && r.what === 'ENDBR sealed') {
        lines.push(at('ENDBR', r, ps, false), ...dumps(r, true));
      }
    }
    if (lines.length) out.set(run.pass, lines);
  }
  return out;
}

function at(kind: string, r: PassRecord, ps: FormatSymbol, withTarget: boolean): string {
  const name = ps(r.addr) ?? `0x${r.addr.toString(16)}`;
  const head = `${LOG_PREFIX}${kind} at: ${name} (${formatPx(r.addr)})`;
  if (!withTarget) return head;
  const target = branchTarget(r.addr, r.before);
  const to = target === undefined ? '0x0' : (ps(target) ?? `0x${target.toString(16)}`);
  return `${head} len: ${r.before.length} to: ${to}`;
}

function dumps(r: PassRecord, wrote: boolean): string[] {
  if (!wrote) return [];
  const px = formatPx(r.addr);
  return [
    `${LOG_PREFIX}${px}: orig: ${formatDump(r.before)}`,
    `${LOG_PREFIX}${px}: repl: ${formatDump(r.after)}`,
  ];
}

/** `addr + insn.length + insn.immediate` of a (cs-prefixed) `call`/`jmp`/`jcc` rel32. */
function branchTarget(addr: bigint, b: Uint8Array): bigint | undefined {
  let p = 0;
  while (b[p] === 0x2e) p++;
  const immAt = b[p] === 0x0f ? p + 2 : p + 1;
  if (immAt + 4 > b.length) return undefined;
  const imm = new DataView(b.buffer, b.byteOffset + immAt, 4).getInt32(0, true);
  return BigInt.asUintN(64, addr + BigInt(immAt + 4) + BigInt(imm));
}
