import type { PatchLoop, Site } from '../model';
import { ALT_FLAG_DIRECT_CALL, ALT_FLAG_NOT } from '../model';
import type { SiteResult } from '../patch/report';
import { describeOutcome } from '../patch/outcome';
import { toSpacedHex } from './bytes';
import type { ReviewDeps } from './context';
import { describeFeature, FEATURE_ALWAYS } from './context';

/**
 * The selected site in plain words, for teaching mode: which features are on, which entry wins
 * and why, what the bytes become, and any BUG. One sentence per element.
 */
export function narrateSite(
  site: Site,
  result: SiteResult,
  present: ReadonlySet<number>,
  loop: PatchLoop,
  deps: Pick<ReviewDeps, 'featureName' | 'disassembler'>,
): string[] {
  const name = (f: number) => describeFeature(deps, f);
  const entryName = (k: number) => {
    const e = site.entries[k]!;
    return `${(e.flags & ALT_FLAG_NOT) !== 0 ? 'NOT ' : ''}${name(e.cpuid)}`;
  };
  const sentences: string[] = [];
  const seen: number[] = [];
  for (const e of site.entries) {
    const f = Number(e.cpuid);
    if (!seen.includes(f)) seen.push(f);
  }
  const states = seen.map((f) =>
    f === FEATURE_ALWAYS ? 'ALWAYS is always on' : `${name(f)} is ${present.has(f) ? 'on' : 'off'}`,
  );
  const eligible = result.verdicts.flatMap((v, k) => (v.eligible ? [k] : []));
  const sel = result.selected;
  let choice: string;
  if (sel === null) {
    choice = 'no entry is eligible, so the original code stays (only its NOP padding is optimised)';
  } else if (loop === 'single-pass') {
    choice = `the last eligible entry is ${entryName(sel)} (entry #${sel}), so it alone is written, once`;
  } else if (eligible.length > 1) {
    const did = eligible.map(
      (k) => `${entryName(k)} (entry #${k}) ${describeOutcome(result.verdicts[k]!.outcome)}`,
    );
    choice = `multi-pass writes every eligible entry in table order: ${did.join(', then ')}`;
  } else {
    choice = `the only eligible entry is ${entryName(sel)} (entry #${sel})`;
  }
  sentences.push(
    `${capitalise(states.join(', ') || 'the site references no feature')}: ${choice}.`,
  );
  const winner = sel === null ? undefined : site.entries[sel];
  const dc = result.directCall;
  if (winner && (winner.flags & ALT_FLAG_DIRECT_CALL) !== 0 && dc) {
    const target = dc.targetName ?? `0x${dc.target.toString(16)}`;
    sentences.push(
      dc.becameNops
        ? `Its DIRECT_CALL reads the pv_ops slot at 0x${dc.slot.toString(16)}, finds nop_func, and drops the call: the whole site becomes NOPs.`
        : `Its DIRECT_CALL reads the pv_ops slot at 0x${dc.slot.toString(16)} through the original indirect call and calls ${target} directly.`,
    );
  }
  const asm = deps.disassembler?.disassemble(result.final, site.addr).map((i) => i.text);
  const becomes = asm && asm.length > 0 ? asm.join('; ') : toSpacedHex(result.final);
  sentences.push(`The site's ${result.len} bytes end up as ${becomes}.`);
  if (result.relocations.length > 0) {
    sentences.push(
      `${result.relocations.length} displacement${result.relocations.length === 1 ? ' was' : 's were'} relocated so branches and RIP-relative operands keep their targets after the move.`,
    );
  }
  for (const d of result.diagnostics) {
    if (d.code.startsWith('kernel-bug')) sentences.push(`But the kernel BUGs here: ${d.message}`);
  }
  return sentences;
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
