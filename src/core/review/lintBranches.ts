import type { Addr, Site } from '../model';
import type { InsnDecoder } from '../ports';
import type { NamedRange } from './context';
import { decodeRun, relativeBranchOpcode, relativeTargetOffset } from './decodeRun';
import type { LintFinding } from './lintCatalog';

/** A relative branch of a replacement that the kernel relocates, with its absolute target. */
export interface RelocatedBranch {
  entry: number;
  offset: number;
  target: bigint;
}

/**
 * Branches the kernel relocates: target offset `t` from the replacement start with
 * `t < 0 || t > replacementlen` (a branch to the very end counts as inside). Relocation keeps the
 * absolute target, so it is computed from the replacement's own address.
 */
export function findRelocatedBranches(site: Site, decoder: InsnDecoder): RelocatedBranch[] {
  const out: RelocatedBranch[] = [];
  site.entries.forEach((e, k) => {
    const bytes = e.replacement;
    for (const insn of decodeRun(decoder, bytes).insns) {
      if (relativeBranchOpcode(bytes, insn) === null) continue;
      const t = relativeTargetOffset(bytes, insn);
      if (t === null || (t >= 0 && t <= bytes.length)) continue;
      out.push({ entry: k, offset: insn.offset, target: BigInt.asUintN(64, e.repl + BigInt(t)) });
    }
  });
  return out;
}

const hex = (a: bigint) => `0x${a.toString(16)}`;

/** `branch-into-aux` and `branch-into-site` for one site. */
export function lintBranches(
  site: Site,
  final: Uint8Array | undefined,
  decoder: InsnDecoder,
  sections: readonly NamedRange[],
): LintFinding[] {
  const out: LintFinding[] = [];
  const len = BigInt(Math.max(0, ...site.entries.map((e) => e.instrlen)));
  const aux = sections.filter((s) => s.name === '.altinstr_aux');
  const inAux = (t: bigint) => aux.some((s) => t >= s.start && t < s.end);
  const base = { site: site.addr, ...(site.symbol !== undefined ? { symbol: site.symbol } : {}) };
  for (const b of findRelocatedBranches(site, decoder)) {
    if (inAux(b.target)) {
      out.push({
        ...base,
        code: 'branch-into-aux',
        severity: 'warning',
        entry: b.entry,
        message: `entry #${b.entry}: branch at +${b.offset} of the replacement is relocated to ${hex(b.target)} in .altinstr_aux (freed after boot)`,
      });
    }
    if (b.target >= site.addr && b.target < site.addr + len) {
      out.push({
        ...base,
        code: 'branch-into-site',
        severity: 'warning',
        entry: b.entry,
        message: `entry #${b.entry}: branch at +${b.offset} of the replacement lands at +${b.target - site.addr} inside the ${len}-byte site`,
      });
    }
  }
  if (final && aux.length > 0)
    out.push(...lintFinalIntoAux(site.addr, final, decoder, inAux, base));
  return out;
}

/** A branch left in the patched bytes that still targets `.altinstr_aux` points at freed memory. */
function lintFinalIntoAux(
  addr: Addr,
  final: Uint8Array,
  decoder: InsnDecoder,
  inAux: (t: bigint) => boolean,
  base: Pick<LintFinding, 'site' | 'symbol'>,
): LintFinding[] {
  const out: LintFinding[] = [];
  for (const insn of decodeRun(decoder, final).insns) {
    if (relativeBranchOpcode(final, insn) === null) continue;
    const t = relativeTargetOffset(final, insn);
    if (t === null) continue;
    const target = BigInt.asUintN(64, addr + BigInt(t));
    if (!inAux(target)) continue;
    out.push({
      ...base,
      code: 'branch-into-aux',
      severity: 'warning',
      message: `the patched site still branches at +${insn.offset} to ${hex(target)} in .altinstr_aux (freed after boot)`,
    });
  }
  return out;
}
