import type { Site } from '../model';
import type { SiteResult } from '../patch/report';
import { toSpacedHex } from './bytes';
import type { ReviewDeps } from './context';
import { describeFeature } from './context';
import type { TimelineStep } from './timeline';

/**
 * The single-pass loop's work at one site, reconstructed from its result: evaluate → choose →
 * build → DIRECT_CALL → pad → relocate → optimise NOPs → one write. The buffers between steps
 * are derived: padding from the replacement, the pre-NOP buffer by undoing the NOP runs.
 */
export function buildSinglePassSteps(
  site: Site,
  result: SiteResult,
  deps: Pick<ReviewDeps, 'featureName'>,
): TimelineStep[] {
  const steps: TimelineStep[] = [];
  const name = (k: number) => {
    const e = site.entries[k]!;
    return `entry #${k} (${describeFeature(deps, e.cpuid)})`;
  };
  steps.push({
    kind: 'evaluate',
    title: 'evaluate entries',
    explanation:
      result.verdicts
        .map((v, k) => `${name(k)}: ${v.eligible ? 'eligible' : 'not eligible'} — ${v.reason}`)
        .join('; ') || 'the site has no entries',
    entry: null,
    live: false,
  });
  const sel = result.selected;
  const winner = sel === null ? undefined : site.entries[sel];
  steps.push({
    kind: 'choose',
    title: 'choose',
    explanation: winner
      ? `the last eligible entry wins: ${name(sel!)}; the site is ${result.len} bytes (the longest instrlen)`
      : `no entry is eligible: the original ${result.len} bytes stay, only their NOPs are optimised`,
    entry: sel,
    live: false,
  });
  let buf: Uint8Array = result.original.slice(0, result.len);
  if (winner) {
    buf = winner.replacement.slice();
    steps.push({
      kind: 'build',
      title: 'build',
      explanation: `copy the ${winner.replacementlen}-byte replacement: ${toSpacedHex(buf) || '(empty)'}`,
      entry: sel,
      after: buf,
      at: winner.repl,
      live: false,
    });
    const dc = result.directCall;
    if (dc) {
      const target = dc.targetName ?? `0x${dc.target.toString(16)}`;
      const rebuilt = dc.becameNops ? new Uint8Array(0) : retargetCall(buf, winner.repl, dc.target);
      steps.push({
        kind: 'direct-call',
        title: 'DIRECT_CALL',
        explanation: dc.becameNops
          ? `the pointer slot 0x${dc.slot.toString(16)} holds nop_func: the call is dropped, the whole site becomes padding`
          : `the pointer slot 0x${dc.slot.toString(16)} (read from the original call *disp(%rip)) holds ${target}: call BUG_func becomes call ${target}`,
        entry: sel,
        before: buf,
        after: rebuilt,
        at: winner.repl,
        live: false,
      });
      buf = rebuilt;
    }
    const padded = new Uint8Array(result.len).fill(0x90);
    padded.set(buf.subarray(0, result.len));
    steps.push({
      kind: 'pad',
      title: 'pad',
      explanation: `pad with ${Math.max(0, result.len - buf.length)} raw 0x90 bytes to the site's ${result.len} bytes`,
      entry: sel,
      before: buf,
      after: padded,
      at: winner.repl,
      live: false,
    });
    const relocated = undoNopRuns(result);
    steps.push({
      kind: 'relocate',
      title: 'relocate',
      explanation:
        result.relocations.length === 0
          ? 'nothing points outside the replacement: no relocation'
          : result.relocations
              .map(
                (r) =>
                  `${r.kind} at +${r.offset}: displacement ${r.oldDisp} → ${r.newDisp} (target 0x${r.target.toString(16)})${r.shrunk ? ', jmp rel32 shrunk to jmp rel8 + int3 fill' : ''}`,
              )
              .join('; '),
      entry: sel,
      before: padded,
      after: relocated,
      live: false,
    });
    buf = relocated;
  }
  steps.push({
    kind: 'optimize-nops',
    title: 'optimise NOPs',
    explanation:
      result.nopRuns.length === 0
        ? 'no NOP run to merge'
        : result.nopRuns
            .map((r) => `[${r.start}:${r.end}) ${toSpacedHex(r.before)} → ${toSpacedHex(r.after)}`)
            .join('; '),
    entry: sel,
    before: buf,
    after: result.final,
    live: false,
  });
  steps.push({
    kind: 'write',
    title: 'write',
    explanation: `one write of ${result.len} bytes: ${toSpacedHex(result.original)} → ${toSpacedHex(result.final)}`,
    entry: sel,
    before: result.original,
    after: result.final,
    live: true,
  });
  for (const d of result.diagnostics) {
    if (d.code.startsWith('kernel-bug'))
      steps.push({ kind: 'bug', title: 'BUG()', explanation: d.message, entry: sel, live: false });
  }
  return steps;
}

/** `call BUG_func` at the replacement address, retargeted: `e8 (target − (repl + 5))`. */
function retargetCall(buf: Uint8Array, repl: bigint, target: bigint): Uint8Array {
  const out = buf.slice();
  const rel = Number(BigInt.asIntN(32, target - (repl + 5n)));
  new DataView(out.buffer, out.byteOffset, out.byteLength).setInt32(1, rel, true);
  return out;
}

/** The buffer before NOP optimisation: the final bytes with each rewritten run put back. */
function undoNopRuns(result: SiteResult): Uint8Array {
  const out = result.final.slice();
  for (const run of result.nopRuns) {
    // A run's `before` is either the run itself or the whole buffer; accept both.
    const span = run.end - run.start;
    const bytes = run.before.length === span ? run.before : run.before.subarray(run.start, run.end);
    out.set(bytes.subarray(0, span), run.start);
  }
  return out;
}
