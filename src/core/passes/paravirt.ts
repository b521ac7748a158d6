import type { AltTable, Diagnostic, ParavirtSite } from '../model';
import { MAX_PATCH_LEN, toAddr } from '../model';
import { readU64 } from '../patch/bytes';
import { memoryOf, type KernelMemory } from '../patch/memory';
import { addNops61 } from '../patch/nops61';
import type { BootPass, PassRecord, TextImage } from './types';

/** `CALL_INSN_SIZE`: what `paravirt_patch_call()` writes. */
const CALL_INSN_SIZE = 5;

export interface ParavirtOutcome {
  records: PassRecord[];
  diagnostics: Diagnostic[];
}

/**
 * 6.1's `apply_paravirt()` over `.parainstructions`, in table order: each site's indirect call
 * through `pv_ops[type]` becomes `call <target>` (`e8 rel32`) padded with 6.1's NOPs, or only
 * NOPs when the slot holds `_paravirt_nop`; a NULL slot calls `paravirt_BUG`. The slot values
 * are the ones in the image's `.data` (what a native boot still has when the pass runs).
 */
export function applyParavirt(
  image: TextImage,
  sites: readonly ParavirtSite[],
  mem: KernelMemory,
): ParavirtOutcome {
  const out: ParavirtOutcome = { records: [], diagnostics: [] };
  const pvOps = mem.symbol('pv_ops');
  const nop = mem.symbol('_paravirt_nop');
  const bug = mem.symbol('paravirt_BUG');
  if (pvOps === undefined) {
    if (sites.length)
      out.diagnostics.push(
        warn('paravirt-no-pv-ops', 'no pv_ops symbol: the paravirt pass was not run'),
      );
    return out;
  }
  for (const p of sites) {
    const where = p.symbol ?? `0x${p.addr.toString(16)}`;
    if (p.len > MAX_PATCH_LEN) {
      out.diagnostics.push(
        bugAt(p, `BUG_ON(p->len > MAX_PATCH_LEN): paravirt site ${where} is ${p.len} bytes`),
      );
      return out;
    }
    const before = image.read(p.addr, p.len);
    const slotBytes = mem.read(toAddr(pvOps + BigInt(8 * p.type)), 8);
    if (!before || !slotBytes) {
      out.diagnostics.push(
        warn(
          'paravirt-site-unknown',
          `paravirt site ${where}: ${before ? `pv_ops slot ${p.type} is not in the table` : 'its bytes are not in the table'}; left as is`,
        ),
      );
      continue;
    }
    const opfunc = readU64(slotBytes, 0);
    let target: bigint | undefined = opfunc;
    let what: string;
    if (opfunc === 0n) {
      if (bug === undefined) {
        out.diagnostics.push(
          warn(
            'paravirt-site-unknown',
            `paravirt site ${where}: pv_ops slot ${p.type} is NULL and paravirt_BUG is unknown; left as is`,
          ),
        );
        continue;
      }
      target = bug;
      what = 'call paravirt_BUG (pv_ops slot is NULL)';
    } else if (nop !== undefined && opfunc === nop) {
      target = undefined;
      what = 'NOPs (pv_ops slot is _paravirt_nop)';
    } else {
      what = `call ${mem.nameAt(toAddr(opfunc)) ?? `0x${opfunc.toString(16)}`} (pv_ops slot ${p.type})`;
    }
    const buf = before.slice();
    let used = 0;
    if (target !== undefined) {
      if (p.len < CALL_INSN_SIZE) {
        out.diagnostics.push(
          bugAt(
            p,
            `BUG_ON(used > p->len): a ${CALL_INSN_SIZE}-byte call does not fit paravirt site ${where} (${p.len} bytes)`,
          ),
        );
        return out;
      }
      const rel = BigInt.asIntN(32, target - (p.addr + BigInt(CALL_INSN_SIZE)));
      buf[0] = 0xe8;
      new DataView(buf.buffer).setInt32(1, Number(rel), true);
      used = CALL_INSN_SIZE;
    }
    addNops61(buf, used, p.len - used);
    image.write(p.addr, buf);
    out.records.push({ pass: 'paravirt', addr: p.addr, before, after: buf, what });
  }
  return out;
}

/**
 * The pass as the pipeline runs it: the table's `.parainstructions` sites, reading the `pv_ops`
 * slots and names the table carries (`.data` as the file has it); diagnostics go to `sink`.
 */
export function paravirtPass(
  table: AltTable,
  sink: Diagnostic[],
  memory: KernelMemory = memoryOf(table),
): BootPass {
  return (ctx) => {
    const out = applyParavirt(ctx.image, table.paravirt ?? [], memory);
    sink.push(...out.diagnostics);
    return out.records;
  };
}

const warn = (code: string, message: string): Diagnostic => ({
  severity: 'warning',
  code,
  message,
});

const bugAt = (p: ParavirtSite, message: string): Diagnostic => ({
  severity: 'error',
  code: 'kernel-bug-paravirt',
  message,
  site: p.addr,
  ...(p.source ? { location: p.source } : {}),
});
