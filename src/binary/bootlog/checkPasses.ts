import type { PassRun } from '../../core/passes/pipeline';
import type { PassName, PassRecord } from '../../core/passes/types';
import type { PassLogEntry, PassLogKind } from './passLog';

const PASS_OF: Record<PassLogKind, PassName> = {
  retpoline: 'retpolines',
  'return thunk': 'returns',
  ENDBR: 'endbr-seal',
};

/** One logged record the simulation does not reproduce. */
export interface PassLogDisagreement {
  line: number;
  kind: PassLogKind;
  addr: bigint;
  message: string;
}

/** Per category: lines checked, and logged records none of altscope's matches. */
export interface PassLogCheck {
  checked: Record<PassLogKind, number>;
  /** Records altscope made that the log does not show (a lost printk line, or a real miss). */
  notLogged: Record<PassLogKind, number>;
  disagreements: PassLogDisagreement[];
}

const hex = (b: Uint8Array) => Array.from(b, (x) => x.toString(16).padStart(2, '0')).join(' ');

/**
 * Verify every `retpoline at:` / `return thunk at:` / `ENDBR at:` record against the passes'
 * records: the same address, length, and the same orig/repl bytes — or no dump where the pass
 * kept the bytes (a retpoline left in place prints only its `at:` line).
 */
export function checkPassLog(
  entries: readonly PassLogEntry[],
  runs: readonly PassRun[],
): PassLogCheck {
  const byPass = new Map<PassName, Map<bigint, PassRecord>>();
  for (const run of runs) {
    const m = new Map<bigint, PassRecord>();
    for (const r of run.records) if (!m.has(r.addr)) m.set(r.addr, r);
    byPass.set(run.pass, m);
  }
  const zero = (): Record<PassLogKind, number> => ({ retpoline: 0, 'return thunk': 0, ENDBR: 0 });
  const checked = zero();
  const seen = new Map<PassName, Set<bigint>>();
  const disagreements: PassLogDisagreement[] = [];
  for (const e of entries) {
    checked[e.kind]++;
    const pass = PASS_OF[e.kind];
    (seen.get(pass) ?? seen.set(pass, new Set()).get(pass)!).add(e.addr);
    const rec = byPass.get(pass)?.get(e.addr);
    const problem = compare(e, rec);
    if (problem) disagreements.push({ line: e.line, kind: e.kind, addr: e.addr, message: problem });
  }
  const notLogged = zero();
  for (const [kind, pass] of Object.entries(PASS_OF) as [PassLogKind, PassName][]) {
    const logged = seen.get(pass) ?? new Set();
    for (const r of byPass.get(pass)?.values() ?? []) {
      if (!logged.has(r.addr) && loggable(r)) notLogged[kind]++;
    }
  }
  return { checked, notLogged, disagreements };
}

/** The kernel prints records it wrote, and `retpoline at:` for kept retpolines too. */
const loggable = (r: PassRecord): boolean =>
  r.pass === 'retpolines'
    ? r.what.startsWith('retpoline kept') || r.before.some((b, i) => b !== r.after[i])
    : r.before.some((b, i) => b !== r.after[i]) && !r.what.startsWith('static call');

function compare(e: PassLogEntry, rec: PassRecord | undefined): string | undefined {
  if (!rec) return `altscope's ${PASS_OF[e.kind]} pass has no record at this address`;
  if (e.len !== undefined && e.len !== rec.before.length) {
    return `len ${e.len} in the log, ${rec.before.length} in altscope`;
  }
  const wrote = rec.before.some((b, i) => b !== rec.after[i]);
  if (!e.orig && !e.repl) {
    return wrote || e.kind !== 'retpoline'
      ? `the log shows no orig/repl; altscope writes ${hex(rec.after)}`
      : undefined;
  }
  if (e.orig && hex(e.orig) !== hex(rec.before)) {
    return `orig: log ${hex(e.orig)}, altscope ${hex(rec.before)}`;
  }
  if (e.repl && hex(e.repl) !== hex(rec.after)) {
    return `repl: log ${hex(e.repl)}, altscope ${hex(rec.after)}`;
  }
  return undefined;
}
