import type { Addr } from '../../core/model';
import { toAddr } from '../../core/model';
import type { BootTables, JumpEntry, RuntimeConst, StaticCallSite } from '../../core/passes/types';
import { ByteReader } from '../byteReader';
import { SHT_NOBITS, type ElfSection } from './header';
import type { SymbolIndex } from './kallsyms';
import { VirtualMemory } from './memory';

/**
 * The site tables of the boot passes in a linked kernel. Sections of their own hold s32 offsets
 * relative to each entry (`.retpoline_sites`, `.return_sites`, `.call_sites`, `.ibt_endbr_seal`,
 * `.smp_locks`, `runtime_ptr_*`/`runtime_shift_*`); tables inside `.rodata`/`.init.data` are found
 * by their `__start_`/`__stop_` symbols (`__mcount_loc`, `.static_call_sites`, `__jump_table`).
 * A table that is absent reads as empty; every read is bounds-checked.
 */
export function readBootTables(
  bytes: Uint8Array,
  sections: readonly ElfSection[],
  names: SymbolIndex,
): BootTables {
  const r = new ByteReader(bytes);
  const mem = new VirtualMemory(r, sections);
  const rel32 = (name: string): Addr[] => {
    const s = sections.find((x) => x.name === name && x.type !== SHT_NOBITS);
    return s ? readRel32(mem, s.addr, s.size) : [];
  };
  const span = (start: string, stop: string): Span | undefined => {
    const a = names.lookup(start);
    const b = names.lookup(stop);
    return a !== undefined && b !== undefined && b >= a ? { a, b } : undefined;
  };
  const tables = {
    mcountLoc: readU64s(mem, span('__start_mcount_loc', '__stop_mcount_loc')),
    staticCallSites: readStaticCalls(
      mem,
      span('__start_static_call_sites', '__stop_static_call_sites'),
    ),
    jumpTable: readJumpTable(mem, span('__start___jump_table', '__stop___jump_table')),
    runtimeConsts: readRuntimeConsts(mem, sections),
  } as BootTables;
  // The s32 tables are read when a pass first asks: `patch` runs none after alternatives, and
  // `.call_sites` (call thunks, CALL_DEPTH only) alone holds ~280k entries in 7.2 (issue 13).
  for (const [field, section] of REL32_TABLES) {
    let read: Addr[] | undefined;
    Object.defineProperty(tables, field, {
      enumerable: true,
      get: () => (read ??= rel32(section)),
    });
  }
  return tables;
}

const REL32_TABLES = [
  ['retpolineSites', '.retpoline_sites'],
  ['returnSites', '.return_sites'],
  ['callSites', '.call_sites'],
  ['endbrSeal', '.ibt_endbr_seal'],
  ['smpLocks', '.smp_locks'],
] as const satisfies readonly (readonly [keyof BootTables, string])[];

interface Span {
  a: bigint;
  b: bigint;
}

function readRel32(mem: VirtualMemory, at: bigint, size: number): Addr[] {
  const raw = mem.read(at, size - (size % 4));
  if (!raw) return [];
  const dv = new DataView(raw.buffer, raw.byteOffset, raw.byteLength);
  const out: Addr[] = new Array(raw.length / 4);
  for (let i = 0; i < raw.length; i += 4) {
    out[i / 4] = toAddr(at + BigInt(i) + BigInt(dv.getInt32(i, true)));
  }
  return out;
}

function readU64s(mem: VirtualMemory, span: Span | undefined): Addr[] {
  if (!span) return [];
  const n = Number(span.b - span.a) >> 3;
  const raw = mem.read(span.a, n * 8);
  if (!raw) return [];
  const dv = new DataView(raw.buffer, raw.byteOffset, raw.byteLength);
  const out: Addr[] = new Array(n);
  for (let i = 0; i < n; i++) out[i] = dv.getBigUint64(i * 8, true) as Addr;
  return out;
}

/** `struct static_call_site { s32 addr; s32 key; }`; the key's low bits are flags (bit 0: tail). */
function readStaticCalls(mem: VirtualMemory, span: Span | undefined): StaticCallSite[] {
  if (!span) return [];
  const n = Number(span.b - span.a) >> 3;
  const raw = mem.read(span.a, n * 8);
  if (!raw) return [];
  const dv = new DataView(raw.buffer, raw.byteOffset, raw.byteLength);
  const out: StaticCallSite[] = [];
  for (let i = 0; i < n; i++) {
    const at = span.a + BigInt(i * 8);
    const key = toAddr(at + 4n + BigInt(dv.getInt32(i * 8 + 4, true)));
    out.push({
      addr: toAddr(at + BigInt(dv.getInt32(i * 8, true))),
      key: toAddr(key & ~3n),
      tail: (key & 1n) !== 0n,
    });
  }
  return out;
}

/** `struct jump_entry { s32 code; s32 target; long key; }`, all relative to their field. */
function readJumpTable(mem: VirtualMemory, span: Span | undefined): JumpEntry[] {
  if (!span) return [];
  const n = Number(span.b - span.a) >> 4;
  const raw = mem.read(span.a, n * 16);
  if (!raw) return [];
  const dv = new DataView(raw.buffer, raw.byteOffset, raw.byteLength);
  const out: JumpEntry[] = [];
  for (let i = 0; i < n; i++) {
    const at = span.a + BigInt(i * 16);
    const key = dv.getBigInt64(i * 16 + 8, true);
    out.push({
      code: toAddr(at + BigInt(dv.getInt32(i * 16, true))),
      target: toAddr(at + 4n + BigInt(dv.getInt32(i * 16 + 4, true))),
      key: toAddr(at + 8n + (key & ~3n)),
      branch: (key & 1n) !== 0n,
    });
  }
  return out;
}

/** `runtime_ptr_<sym>` / `runtime_shift_<sym>` sections (kept in a full vmlinux or vmlinuz). */
function readRuntimeConsts(mem: VirtualMemory, sections: readonly ElfSection[]): RuntimeConst[] {
  const out: RuntimeConst[] = [];
  for (const s of sections) {
    const m = /^runtime_(ptr|shift)_(.+)$/.exec(s.name);
    if (!m || s.type === SHT_NOBITS) continue;
    for (const addr of readRel32(mem, s.addr, s.size)) {
      out.push({ kind: m[1] as 'ptr' | 'shift', name: m[2] as string, addr });
    }
  }
  return out;
}
