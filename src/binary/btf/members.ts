/**
 * Walking BTF types to name the bytes of a variable by member path (`irq.save_fl`): modifiers
 * and typedefs are looked through, structs/unions/arrays are descended, everything else is a leaf.
 * Recursion and output are bounded so hostile BTF cannot loop or explode.
 */
import { BTF_KIND, btfString, type Btf } from './types';

/** A leaf of a type's layout: its member path and byte range within the outer object. */
export interface MemberSlot {
  path: string;
  offset: number;
  size: number;
}

const MAX_DEPTH = 32;
/** Leaves listed per variable at most (pv_ops has ~100; an array of structs could be huge). */
export const MAX_SLOTS = 4096;

const PASS_THROUGH: ReadonlySet<number> = new Set([
  BTF_KIND.TYPEDEF,
  BTF_KIND.VOLATILE,
  BTF_KIND.CONST,
  BTF_KIND.RESTRICT,
  BTF_KIND.TYPE_TAG,
]);

/** The type behind typedefs and qualifiers (0 when it cannot be resolved). */
export function resolveType(btf: Btf, id: number): number {
  for (let depth = 0; depth < MAX_DEPTH; depth++) {
    if (id <= 0 || id >= btf.count) return 0;
    if (!PASS_THROUGH.has(btf.kind[id] as number)) return id;
    id = btf.sizeOrType[id] as number;
  }
  return 0;
}

/** Byte size of a type (0 when unknown or absurd). */
export function typeSize(btf: Btf, id: number, depth = 0): number {
  const t = resolveType(btf, id);
  if (t === 0 || depth > MAX_DEPTH) return 0;
  const kind = btf.kind[t] as number;
  if (kind === BTF_KIND.PTR) return 8;
  if (kind === BTF_KIND.ARRAY) {
    const [elem, n] = arrayInfo(btf, t);
    const size = typeSize(btf, elem, depth + 1) * n;
    return Number.isSafeInteger(size) ? size : 0;
  }
  const sized: number[] = [
    BTF_KIND.INT,
    BTF_KIND.STRUCT,
    BTF_KIND.UNION,
    BTF_KIND.ENUM,
    BTF_KIND.ENUM64,
    BTF_KIND.FLOAT,
    BTF_KIND.DATASEC,
  ];
  return sized.includes(kind) ? (btf.sizeOrType[t] as number) : 0;
}

/** `struct btf_array`: element type and count. */
function arrayInfo(btf: Btf, id: number): [number, number] {
  const o = btf.extra[id] as number;
  return [btf.r.u32(o, 'btf_array.type'), btf.r.u32(o + 8, 'btf_array.nelems')];
}

/** A struct/union's members: name, type, bit offset. */
export function membersOf(btf: Btf, id: number): { name: string; type: number; bits: number }[] {
  const o = btf.extra[id] as number;
  const out = [];
  for (let i = 0; i < (btf.vlen[id] as number); i++) {
    const m = o + i * 12;
    const raw = btf.r.u32(m + 8, 'btf_member.offset');
    // With kind_flag the low 24 bits are the bit offset and the top 8 the bitfield size.
    const bits = btf.kflag[id] ? raw & 0xffffff : raw;
    out.push({
      name: btfString(btf, btf.r.u32(m, 'btf_member.name_off')),
      type: btf.r.u32(m + 4, 'btf_member.type'),
      bits,
    });
  }
  return out;
}

/** Every leaf of type `id` laid out from byte `base`, named `prefix.member[i]…`. */
export function leafSlots(btf: Btf, id: number, prefix = '', base = 0): MemberSlot[] {
  const out: MemberSlot[] = [];
  const walk = (type: number, path: string, at: number, depth: number): void => {
    if (out.length >= MAX_SLOTS || depth > MAX_DEPTH) return;
    const t = resolveType(btf, type);
    const kind = t ? (btf.kind[t] as number) : 0;
    // A one-member wrapper (`struct paravirt_callee_save { void *func; }`) is named as the
    // source names it: PVOP_ALT_CALLEE0(…, irq.save_fl, …), not irq.save_fl.func.
    const wrapper = kind === BTF_KIND.STRUCT && btf.vlen[t] === 1 && path !== '';
    if ((kind === BTF_KIND.STRUCT || kind === BTF_KIND.UNION) && !wrapper) {
      for (const m of membersOf(btf, t)) {
        // Anonymous members (unnamed unions/structs) add no path component, as in C.
        const sub = m.name === '' ? path : path ? `${path}.${m.name}` : m.name;
        walk(m.type, sub, at + Math.floor(m.bits / 8), depth + 1);
      }
      return;
    }
    if (kind === BTF_KIND.ARRAY) {
      const [elem, n] = arrayInfo(btf, t);
      const size = typeSize(btf, elem);
      if (size === 0) return;
      for (let i = 0; i < n && out.length < MAX_SLOTS; i++)
        walk(elem, `${path}[${i}]`, at + i * size, depth + 1);
      return;
    }
    out.push({ path, offset: at, size: typeSize(btf, t) });
  };
  walk(id, prefix, base, 0);
  return out;
}

/** The first type of `kind` named `name`, or 0. */
export function findNamedType(btf: Btf, kind: number, name: string): number {
  for (let id = 1; id < btf.count; id++) {
    if (btf.kind[id] !== kind) continue;
    if (btfString(btf, btf.nameOff[id] as number) === name) return id;
  }
  return 0;
}
