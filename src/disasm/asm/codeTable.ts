/**
 * iced's own instruction table, indexed by mnemonic: every 64-bit `Code` with its operand kinds
 * and memory size, read once from `CodeExt.opCode` (about 50 ms) rather than checked in.
 */
type Iced = typeof import('iced-x86');

/** One encodable form of a mnemonic, e.g. `Add_rm64_imm8`: kinds in Intel operand order. */
export interface CodeForm {
  code: number;
  /** OpCodeOperandKind names, e.g. `r64_or_mem`, `imm8sex64`, `br64_4`. */
  kinds: string[];
  /** Size in bytes of the memory operand (0 when none or unsized, like `lea`). */
  memSize: number;
  /** 16, 32 or 64 when the form has an operand size, else 0. */
  operandSize: number;
  /** 0 legacy, 1 VEX, 2 EVEX: GAS prefers the shorter, older encoding. */
  encoding: number;
  /** `call`/`jmp`/`push` forms whose 64-bit size is the default in long mode. */
  default64: boolean;
}

/** Encodings GAS would use in 64-bit code: legacy, VEX, EVEX (not XOP, 3DNow!, MVEX). */
const USED_ENCODINGS = new Set([0, 1, 2]);

export interface CodeTable {
  forms(mnemonic: string): CodeForm[] | undefined;
  /** Lower-case register name → iced Register. */
  registers: ReadonlyMap<string, number>;
}

const tables = new WeakMap<Iced, CodeTable>();

function build(iced: Iced): CodeTable {
  const byMnemonic = new Map<string, CodeForm[]>();
  const kindNames = iced.OpCodeOperandKind as unknown as Record<number, string>;
  const mnemonicNames = iced.Mnemonic as unknown as Record<number, string>;
  for (const [name, code] of Object.entries(iced.Code)) {
    if (typeof code !== 'number' || name === 'INVALID') continue;
    const oc = iced.CodeExt.opCode(code);
    try {
      if (!oc.mode64 || !oc.isInstruction || oc.decoderOption !== 0) continue;
      if (!USED_ENCODINGS.has(oc.encoding)) continue;
      const kinds: string[] = [];
      for (let i = 0; i < oc.opCount; i++) kinds.push(kindNames[oc.opKind(i)]!);
      const mnemonic = mnemonicNames[oc.mnemonic]!.toLowerCase();
      const form: CodeForm = {
        code,
        kinds,
        memSize: iced.MemorySizeExt.size(oc.memorySize),
        operandSize: oc.operandSize,
        encoding: oc.encoding,
        default64: oc.defaultOpSize64 || oc.forceOpSize64,
      };
      const list = byMnemonic.get(mnemonic);
      if (list) list.push(form);
      else byMnemonic.set(mnemonic, [form]);
    } finally {
      oc.free();
    }
  }
  const registers = new Map<string, number>();
  for (const [name, reg] of Object.entries(iced.Register)) {
    if (typeof reg === 'number' && name !== 'None') registers.set(name.toLowerCase(), reg);
  }
  return { forms: (m) => byMnemonic.get(m), registers };
}

/** The table for this iced module, built on first use. */
export function codeTable(iced: Iced): CodeTable {
  let t = tables.get(iced);
  if (!t) {
    t = build(iced);
    tables.set(iced, t);
  }
  return t;
}
