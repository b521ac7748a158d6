/**
 * Boot passes as data: each pass that rewrites kernel text at boot (paravirt, retpolines, return
 * thunks, call thunks, alternatives, ENDBR sealing, SMP locks, ftrace, static calls, jump labels,
 * runtime constants) is a pure function over a `TextImage` that returns what it wrote. A kernel
 * profile lists its passes in the kernel's order; the pipeline runs them and every view (site
 * columns, log export, memdiff) reads the records.
 */
import type { Addr } from '../model';
import type { InsnDecoder } from '../ports';
import type { IsNop } from '../patch/isNop';

/** The passes, named as the kernel's boot log and sources name them. */
export type PassName =
  | 'paravirt'
  | 'cfi'
  | 'retpolines'
  | 'returns'
  | 'call-thunks'
  | 'alternatives'
  | 'endbr-seal'
  | 'smp-locks'
  | 'ftrace'
  | 'static-calls'
  | 'jump-labels'
  | 'runtime-consts';

/** Kernel text by virtual address: what a pass reads and writes. */
export interface TextImage {
  /** A copy of `len` bytes at `addr`, or undefined when any of them lies outside the image. */
  read(addr: Addr, len: number): Uint8Array | undefined;
  /** Overwrite bytes at `addr`; false (and nothing written) when they lie outside the image. */
  write(addr: Addr, bytes: Uint8Array): boolean;
}

/** One write a pass made (or deliberately did not make), with the kernel's reason. */
export interface PassRecord {
  pass: PassName;
  addr: Addr;
  /** Bytes before this write. */
  before: Uint8Array;
  /** Bytes after it (equal to `before` when the pass looked and kept them). */
  after: Uint8Array;
  /** Why, in the kernel's words where it has them (e.g. `call *%rax` for a retpoline). */
  what: string;
  /** The kernel writes here a value only the booted machine knows (a heap address): not modelled. */
  unknowable?: boolean;
}

/** `struct static_call_site`: a call or tail-call (`tail`) of a static call `key`. */
export interface StaticCallSite {
  addr: Addr;
  key: Addr;
  /** `STATIC_CALL_SITE_TAIL`: a `jmp` (or `jcc`) instead of a `call`. */
  tail: boolean;
}

/** `struct jump_entry`: a `nop`/`jmp` at `code` to `target`, switched by `key`. */
export interface JumpEntry {
  code: Addr;
  target: Addr;
  key: Addr;
  /** Bit 0 of the key field: the branch is `likely` (jump when the key is false). */
  branch: boolean;
}

/** A `runtime_const_ptr()`/`runtime_const_shift_right_32()` site: its value is written at boot. */
export interface RuntimeConst {
  kind: 'ptr' | 'shift';
  /** The variable, e.g. `USER_PTR_MAX`, `dentry_hashtable`, `d_hash_shift`. */
  name: string;
  /** Where the value goes (the 8-byte immediate of `movabs`, or the shift's imm8). */
  addr: Addr;
}

/** The site tables of the boot passes, as the image carries them (absent sections: empty). */
export interface BootTables {
  retpolineSites: Addr[];
  returnSites: Addr[];
  callSites: Addr[];
  endbrSeal: Addr[];
  smpLocks: Addr[];
  /** `__mcount_loc`: every `call __fentry__` the compiler emitted. */
  mcountLoc: Addr[];
  staticCallSites: StaticCallSite[];
  jumpTable: JumpEntry[];
  runtimeConsts: RuntimeConst[];
}

/** A kernel without any of the tables (tests, relocatable objects). */
export const emptyBootTables = (): BootTables => ({
  retpolineSites: [],
  returnSites: [],
  callSites: [],
  endbrSeal: [],
  smpLocks: [],
  mcountLoc: [],
  staticCallSites: [],
  jumpTable: [],
  runtimeConsts: [],
});

/**
 * Run-time choices no CPU feature shows. Absent fields take the kernel's default for the
 * features (see `defaultBootOptions`).
 */
export interface BootOptions {
  /** The thunk `x86_return_thunk` points to (a symbol), e.g. `srso_return_thunk`. */
  returnThunk?: string;
  /** Possible CPUs: 1 makes the SMP-lock pass patch the kernel to UP. */
  cpus?: number;
  /**
   * `preempt=` (PREEMPT_DYNAMIC): `preempt_dynamic_init()` points the scheduler's static calls
   * at their enabled or disabled functions. Default: the generation's (`PassStyle.preempt`).
   */
  preempt?: 'none' | 'voluntary' | 'full' | 'lazy';
  /** Runtime-constant values known for the booted machine, by name (e.g. `USER_PTR_MAX`). */
  runtimeValues?: Record<string, bigint>;
}

/** What every pass reads: the image, the tables, the CPU and the kernel's symbols. */
export interface PassContext {
  image: TextImage;
  tables: BootTables;
  /** A feature or bug by its bare name (`RETHUNK`, `RETPOLINE_LFENCE`); unknown names: false. */
  has(name: string): boolean;
  /** A symbol's address, by name. */
  symbol(name: string): Addr | undefined;
  /** `init_section_contains()`: the address lies in `.init.text`/`.init.data`. */
  isInit(addr: Addr): boolean;
  options: BootOptions;
  /** Instruction lengths for the passes that decode (retpolines' NOP optimisation). */
  decoder: InsnDecoder;
  /** How this kernel generation writes what differs between generations. */
  style: PassStyle;
}

/** The few generation differences inside the passes (a profile supplies them). */
export interface PassStyle {
  /** `insn_is_nop()` of the kernel's `optimize_nops()`. */
  isNop: IsNop;
  /**
   * `emit_indirect()` fills the spare bytes itself (7.x: `cs` prefixes before a call, `int3`
   * after a jump) rather than leaving one `int3` after a jump and NOPs to the optimiser (6.x).
   */
  indirectFillsSpare: boolean;
  /** `gen_endbr_poison()`: 6.x `osp nopl (%rax)`, 7.x `nopl -42(%rax)`. */
  endbrPoison: Uint8Array;
  /** The preemption mode the generation's Debian kernels boot with (their log's `Dynamic Preempt:`). */
  preempt: NonNullable<BootOptions['preempt']>;
}

/** A boot pass: reads and writes `ctx.image`, returns its records in the order it wrote. */
export type BootPass = (ctx: PassContext) => PassRecord[];
