import {
  defaultLoop,
  KERNEL_VERSIONS,
  type Diagnostic,
  type KernelVersion,
} from '../../core/model';
import { simulate } from '../../core/patch/simulate';
import type { PatchReport } from '../../core/patch/report';
import type { InsnDecoder } from '../../core/ports';
import type { KernelImage } from '../elf/vmlinux';
import { checkAgainstImage } from './checkImage';
import { diffSiteLog, type LogLineDifference } from './logLines';
import { checkStoppedSite } from './stopped';
import { inferLogKernel } from './infer';
import { lastLoggedBytes, type BootLog, type LogTable } from './parse';
import { logTableToScenario } from './toTable';

/** A site whose bytes in the log and in altscope's simulation differ. */
export interface Disagreement {
  addr: bigint;
  symbol?: string;
  /** What the kernel left there according to the log. */
  log: Uint8Array;
  /** What altscope computes. */
  altscope: Uint8Array;
  /** Log line of the last state (0 when the log says nothing about the site). */
  line: number;
  /** Why, when the bytes alone do not say it (the log stops at a site altscope gets through). */
  reason?: string;
}

/** A site where the log stops (the kernel BUG()ed) and altscope BUGs at the same entry. */
export interface ReproducedBug {
  addr: bigint;
  symbol?: string;
  /** Log line of the BUG message, or of the last record when the log just ends. */
  line: number;
  /** Entry (within the rebuilt site) the kernel was writing. */
  entry: number;
  /** altscope's BUG diagnostic. */
  message: string;
}

/** The verdict for one logged table. */
export interface TableCheck {
  start?: bigint;
  end?: bigint;
  line: number;
  kernel: KernelVersion;
  /** Sites compared byte for byte. */
  checked: number;
  /** Sites the log names but that could not be compared (no original bytes in the log). */
  unchecked: number;
  disagreements: Disagreement[];
  /** Features the log proves on / off (sorted indices). */
  present: number[];
  absent: number[];
  /** Sites whose final bytes agree but whose logged lines differ from the profile's (first difference each). */
  lineDifferences: LogLineDifference[];
  /** Sites whose `old_insn` differs from the image: another patcher changed them first. */
  changedBeforeAlternatives: { addr: bigint; symbol?: string }[];
  /** Sites where the log stops and altscope BUGs there too: agreement, not a disagreement. */
  bugs: ReproducedBug[];
  /** `--elf`: sites after the one the log stops at (the boot never reached them), not compared. */
  unreached?: number;
  report: PatchReport;
}

export interface CheckResult {
  tables: TableCheck[];
  diagnostics: Diagnostic[];
  disagreements: number;
}

export interface CheckOptions {
  kernel?: KernelVersion;
  /** `--elf`: take the full table from the image and compare every site of its logged table. */
  image?: KernelImage;
  decoder: InsnDecoder;
}

/** Recompute every logged site with the engine and list where the log and altscope disagree. */
export function checkBootLog(log: BootLog, opts: CheckOptions): CheckResult {
  const diagnostics: Diagnostic[] = [];
  const kernel = opts.kernel ?? opts.image?.table.kernel ?? inferLogKernel(log.tables);
  if (!kernel) {
    diagnostics.push({
      severity: 'error',
      code: 'kernel-unknown',
      message: `the log does not show which kernel printed it; pass --kernel ${KERNEL_VERSIONS.join(', --kernel ')}`,
    });
    return { tables: [], diagnostics, disagreements: 0 };
  }
  const tables: TableCheck[] = [];
  if (opts.image) {
    const t = log.tables.find((x) => x.start === opts.image!.altStart);
    if (!t) {
      diagnostics.push({
        severity: 'error',
        code: 'log-no-table',
        message: `the log has no "alt table ${opts.image.altStart.toString(16)}" line for this image's .altinstructions`,
      });
    } else tables.push(checkAgainstImage(t, opts.image, kernel, opts.decoder, diagnostics));
  } else {
    for (const t of log.tables) tables.push(checkLogOnly(t, kernel, opts.decoder, diagnostics));
  }
  return {
    tables,
    diagnostics,
    disagreements: tables.reduce((n, t) => n + t.disagreements.length, 0),
  };
}

function checkLogOnly(
  t: LogTable,
  kernel: KernelVersion,
  decoder: InsnDecoder,
  diagnostics: Diagnostic[],
): TableCheck {
  const scen = logTableToScenario(t, kernel, diagnostics);
  const report = simulate(
    scen.table,
    { kernel, loop: defaultLoop(kernel), features: scen.present },
    decoder,
  );
  const disagreements: Disagreement[] = [];
  const lineDifferences: LogLineDifference[] = [];
  const bugs: ReproducedBug[] = [];
  for (const [i, r] of report.sites.entries()) {
    const ls = scen.logSites.get(r.addr);
    if (ls?.stopped) {
      const stop = checkStoppedSite(ls, scen.table.sites[i]!, r);
      if ('message' in stop) bugs.push(stop);
      else disagreements.push(stop);
      continue;
    }
    const logged = ls ? lastLoggedBytes(ls) : undefined;
    if (!ls || !logged) continue;
    if (sameBytes(logged, r.final)) {
      const d = diffSiteLog(ls, r, true);
      if (d) lineDifferences.push(d);
    } else {
      disagreements.push({
        addr: r.addr,
        symbol: r.symbol,
        log: logged,
        altscope: r.final,
        line: ls.states[ls.states.length - 1]?.line ?? 0,
      });
    }
  }
  return {
    start: t.start,
    end: t.end,
    line: t.line,
    kernel,
    checked: report.sites.length,
    unchecked: scen.nopsOnly.length,
    disagreements,
    lineDifferences,
    present: [...scen.present].sort((a, b) => a - b),
    absent: [...scen.absent].sort((a, b) => a - b),
    changedBeforeAlternatives: [],
    bugs,
    report,
  };
}

export function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
