import type { PatchLoop, Site } from '../model';
import type { FormattedInsn } from '../ports';
import type { SiteResult } from '../patch/report';
import { equalBytes, toSpacedHex } from './bytes';
import type { ReviewDeps } from './context';
import { boundariesOf, decodeRun } from './decodeRun';
import { buildSinglePassSteps } from './singlePassSteps';
import type { TornState } from './tornStates';
import { findTornStates } from './tornStates';
import { findResumeHazards } from './resumeHazards';

export type StepKind =
  | 'evaluate'
  | 'choose'
  | 'build'
  | 'direct-call'
  | 'relocate'
  | 'pad'
  | 'optimize-nops'
  | 'write'
  | 'bug';

/** One step of a timeline; `after` is the working buffer (or the site, for writes) after it. */
export interface TimelineStep {
  kind: StepKind;
  title: string;
  explanation: string;
  /** Entry (within the site) the step belongs to. */
  entry: number | null;
  before?: Uint8Array;
  after?: Uint8Array;
  /**
   * Address `after` lives at: the replacement address before relocation (the bytes the kernel
   * built in its buffer still mean what they meant in `.altinstr_replacement`), else the site.
   */
  at?: bigint;
  /** The step changed the live bytes at the site. */
  live: boolean;
  /** Disassembly of `after` (when a disassembler was passed in). */
  afterInsns?: FormattedInsn[];
  /** A live state whose instruction boundaries differ from the final state's. */
  boundariesDiffer?: boolean;
  /** A live state that is not the final one. */
  intermediate?: boolean;
  /** Byte-by-byte states of the write; informational (interrupts are off during the copy). */
  torn?: TornState[];
  /** Boundaries of the bytes before the write that fall inside a new instruction (flagged). */
  resumeHazards?: number[];
}

export interface Timeline {
  loop: PatchLoop;
  steps: TimelineStep[];
  /** Steps flagged for review: a live state with other boundaries than the final one, or a
   * write that leaves an old instruction boundary inside a new instruction. */
  flagged: number[];
}

type TimelineDeps = Pick<ReviewDeps, 'decoder' | 'disassembler' | 'featureName'>;

/** The steps the chosen loop took at one site, each explained and, where live, judged. */
export function buildTimeline(
  site: Site,
  result: SiteResult,
  loop: PatchLoop,
  deps: TimelineDeps,
): Timeline {
  const steps =
    loop === 'single-pass'
      ? buildSinglePassSteps(site, result, deps)
      : buildMultiPassSteps(site, result, deps);
  const finalBounds = boundariesOf(decodeRun(deps.decoder, result.final)).join(',');
  for (const step of steps) {
    if (step.after === undefined) continue;
    if (deps.disassembler)
      step.afterInsns = deps.disassembler.disassemble(step.after, step.at ?? site.addr);
    if (!step.live || step.before === undefined) continue;
    step.intermediate = !equalBytes(step.after, result.final);
    step.boundariesDiffer =
      boundariesOf(decodeRun(deps.decoder, step.after)).join(',') !== finalBounds;
    step.torn = findTornStates(deps.decoder, step.before, step.after);
    step.resumeHazards = findResumeHazards(deps.decoder, step.before, step.after);
  }
  const flagged = steps.flatMap((s, i) =>
    s.boundariesDiffer || (s.resumeHazards?.length ?? 0) > 0 ? [i] : [],
  );
  return { loop, steps, flagged };
}

function buildMultiPassSteps(site: Site, result: SiteResult, deps: TimelineDeps): TimelineStep[] {
  const steps: TimelineStep[] = result.writes.map((w, i) => {
    const entry = w.entry === null ? undefined : site.entries[w.entry];
    const who = entry
      ? `entry #${w.entry} (${deps.featureName?.(entry.cpuid) ?? String(entry.cpuid)})`
      : 'the NOP pass';
    const what =
      w.kind === 'apply'
        ? `${who} is eligible: its replacement, padded, relocated and NOP-optimised, is written over the whole site`
        : `${who} is not eligible: the current bytes are NOP-optimised and written back`;
    return {
      kind: 'write',
      title: `write ${i + 1} of ${result.writes.length}`,
      explanation: `${what}: ${toSpacedHex(w.before)} → ${toSpacedHex(w.after)}`,
      entry: w.entry,
      before: w.before,
      after: w.after,
      live: true,
    };
  });
  for (const d of result.diagnostics) {
    if (!d.code.startsWith('kernel-bug')) continue;
    steps.push({ kind: 'bug', title: 'BUG()', explanation: d.message, entry: null, live: false });
  }
  return steps;
}
