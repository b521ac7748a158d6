/**
 * A pure-JS length decoder for the instructions alternatives sites are made of, in front of the
 * iced-x86 decoder (issue 13). A vmlinux simulation decodes ~48,000 instructions, 63 % of them a
 * lone `nop`; through iced each decode is several JS↔wasm calls, and the CLI paid ~40 ms just
 * to load iced before the first one. Here the common encodings are measured from a table;
 * anything outside it (VEX/EVEX/REX2, LOCK, address-size overrides, mandatory prefixes, groups
 * with reserved encodings, truncated bytes, more than 15 bytes…) goes to the fallback, which is
 * created on first use. The answer is exactly what the iced adapter (`decoder.ts`) returns —
 * `fastPath.test.ts` compares both on random and real instructions.
 */
import type { DecodedInsn, InsnDecoder } from '../core/ports';
import { MEM_ONLY, OF01_REG, OFAE_REG, ONE, ONE_OPSIZE, Op, TWO } from './fastPathTable';

const isSegment = (b: number): boolean =>
  b === 0x2e || b === 0x3e || b === 0x26 || b === 0x36 || b === 0x64 || b === 0x65;
/** `f3`/`f2` are only taken on string instructions and `pause` (`f3 90`). */
const isStringOp = (op: number): boolean =>
  (op >= 0xa4 && op <= 0xa7) || (op >= 0xaa && op <= 0xaf);

const FALLBACK = -1;

/**
 * Length and constant offsets of the instruction at `p` (within `[p, limit)`), written into
 * `out`; FALLBACK when this table does not answer it.
 */
function measure(bytes: Uint8Array, start: number, limit: number, out: DecodedInsn): number {
  let p = start;
  let opsize = false;
  let rep = false;
  let prefixes = 0;
  let b = bytes[p] as number;
  // Legacy prefixes: operand size, rep and segments only (LOCK and 67 change validity/lengths).
  for (;;) {
    if (b === 0x66) opsize = true;
    else if (b === 0xf3 || b === 0xf2) rep = true;
    else if (!isSegment(b)) break;
    if (++prefixes > 4 || ++p >= limit) return FALLBACK;
    b = bytes[p] as number;
  }
  let rexW = false;
  let rex = false;
  if ((b & 0xf0) === 0x40) {
    rex = true;
    rexW = (b & 8) !== 0;
    if (++p >= limit) return FALLBACK;
    b = bytes[p] as number;
  }
  let kind: Op;
  let rip = false;
  /** With ModRmMem: the reg field values (bits) that are valid with a memory operand. */
  let memRegs = 0xff;
  if (b !== 0x0f) {
    kind = ONE[b] as Op;
    if (kind === Op.No) return FALLBACK;
    if (opsize && !ONE_OPSIZE[b]) return FALLBACK;
    if (rep && !(isStringOp(b) || (b === 0x90 && bytes[p - 1] === 0xf3 && !rex && !opsize)))
      return FALLBACK;
    p++;
  } else {
    if (p + 1 >= limit) return FALLBACK;
    const op1 = bytes[p + 1] as number;
    if (rep) {
      // f3 selects popcnt/tzcnt/lzcnt (`f3 0f b8/bc/bd`); anything else is another instruction.
      const last = bytes[p - (rex ? 2 : 1)];
      if (opsize || last !== 0xf3 || !(op1 === 0xb8 || op1 === 0xbc || op1 === 0xbd))
        return FALLBACK;
      kind = Op.ModRm;
    } else if (opsize) {
      // 66 only for the nops `66 0f 1f …` and clwb/clflushopt (`66 0f ae /6 /7`).
      if (op1 === 0x1f) kind = Op.Group0;
      else if (op1 === 0xae) {
        kind = Op.ModRmMem;
        memRegs = 0xc0;
      } else return FALLBACK;
    } else {
      kind = TWO[op1] as Op;
      if (kind === Op.No) {
        const m = bytes[p + 2];
        if (m === undefined || p + 3 > limit) return FALLBACK;
        if ((op1 === 0x01 || op1 === 0xae) && prefixes === 0 && !rex && m >= 0xc0) {
          if (!(op1 === 0x01 ? OF01_REG : OFAE_REG).has(m)) return FALLBACK;
          return setAnswer(out, p + 3 - start, 0, 0, 0, 0, false);
        }
        if ((op1 === 0x20 || op1 === 0x22) && prefixes === 0 && !rex) {
          const cr = (m >> 3) & 7;
          if (cr === 1 || cr > 4) return FALLBACK;
          return setAnswer(out, p + 3 - start, 0, 0, 0, 0, false);
        }
        const regs = MEM_ONLY.get(op1);
        if (regs === undefined) return FALLBACK;
        kind = Op.ModRmMem;
        memRegs = regs;
      }
    }
    p += 2;
  }

  let imm = 0;
  let immRel = false;
  switch (kind) {
    case Op.Bare:
      break;
    case Op.Ib:
      imm = 1;
      break;
    case Op.Iw:
      imm = 2;
      break;
    case Op.Iz:
      imm = opsize && !rexW ? 2 : 4;
      break;
    case Op.Iv:
      imm = rexW ? 8 : opsize ? 2 : 4;
      break;
    case Op.Rel8:
      imm = 1;
      immRel = true;
      break;
    case Op.Rel32:
      if (opsize) return FALLBACK;
      imm = 4;
      immRel = true;
      break;
    default: {
      if (p >= limit) return FALLBACK;
      const modrm = bytes[p] as number;
      const mod = modrm >> 6;
      const reg = (modrm >> 3) & 7;
      const op = bytes[p - 1] as number;
      if (kind === Op.ModRmMem && (mod === 3 || !((memRegs >> reg) & 1))) return FALLBACK;
      if (kind === Op.Group0 && reg !== 0) return FALLBACK;
      if (kind === Op.Sreg && (reg > 5 || (op === 0x8e && reg === 1))) return FALLBACK;
      if (kind === Op.Shift && reg === 6) return FALLBACK;
      if (kind === Op.Group3 && reg === 1) return FALLBACK;
      if (kind === Op.Group45 && (reg === 3 || reg === 5 || reg === 7 || (op === 0xfe && reg > 1)))
        return FALLBACK;
      if (
        kind === Op.ModRmIb ||
        ((kind === Op.Shift || kind === Op.Group0) && (op === 0xc0 || op === 0xc1 || op === 0xc6))
      )
        imm = 1;
      else if (kind === Op.ModRmIz || (kind === Op.Group0 && op === 0xc7))
        imm = opsize && !rexW ? 2 : 4;
      else if (kind === Op.Group3 && reg === 0) imm = op === 0xf6 ? 1 : opsize && !rexW ? 2 : 4;
      p++;
      if (mod !== 3) {
        const rm = modrm & 7;
        if (rm === 4) {
          if (p >= limit) return FALLBACK;
          const base = (bytes[p] as number) & 7;
          p++;
          if (mod === 0 && base === 5) p += 4;
        } else if (mod === 0 && rm === 5) {
          rip = true;
        }
        if (mod === 1) p += 1;
        else if (mod === 2 || rip) p += 4;
      }
    }
  }
  const dispAt = rip ? p - 4 - start : 0;
  const immAt = p - start;
  p += imm;
  const length = p - start;
  if (p > limit || length > 15) return FALLBACK;
  if (rip) return setAnswer(out, length, imm ? immAt : 0, imm, dispAt, 4, true);
  if (immRel) return setAnswer(out, length, immAt, imm, 0, 0, false);
  return setAnswer(out, length, 0, 0, 0, 0, false);
}

function setAnswer(
  out: DecodedInsn,
  length: number,
  immOffset: number,
  immSize: number,
  dispOffset: number,
  dispSize: number,
  ripRelative: boolean,
): number {
  out.length = length;
  out.ok = true;
  out.immOffset = immOffset;
  out.immSize = immSize;
  out.dispOffset = dispOffset;
  out.dispSize = dispSize;
  out.ripRelative = ripRelative;
  return length;
}

/** A decoder that owns its fallback: `dispose` releases it if it was ever made. */
export interface FastPathDecoder extends InsnDecoder {
  dispose(): void;
}

/**
 * The port with this table in front of `makeFallback()`, which runs on the first instruction
 * the table does not answer (a CLI run on a real kernel may never need it).
 */
export function withFastPath(
  makeFallback: () => InsnDecoder & { dispose?(): void },
): FastPathDecoder {
  let fallback: (InsnDecoder & { dispose?(): void }) | undefined;
  return {
    decode(bytes, offset, end) {
      const limit = Math.min(end, bytes.length);
      if (offset < limit) {
        const out: DecodedInsn = {
          length: 0,
          ok: true,
          immOffset: 0,
          immSize: 0,
          dispOffset: 0,
          dispSize: 0,
          ripRelative: false,
        };
        if (measure(bytes, offset, limit, out) !== FALLBACK) return out;
      }
      fallback ??= makeFallback();
      return fallback.decode(bytes, offset, end);
    },
    dispose() {
      fallback?.dispose?.();
      fallback = undefined;
    },
  };
}
