/**
 * The `Disassembler` port with iced-x86: objdump-like AT&T (or Intel) text per instruction.
 * Formatters are wasm objects, made once per syntax and freed by `dispose`; each call's
 * Decoder and Instruction are freed before it returns, so only plain objects leave.
 */
import type { AsmSyntax, Disassembler, FormattedInsn } from '../core/ports';
import { symbolizeInsns, type SymbolLookup } from '../core/symbols';

type Iced = typeof import('iced-x86');
type IcedFormatter = InstanceType<Iced['Formatter']>;

/** A disassembler that owns wasm formatters: call `dispose` when done. */
export interface IcedDisassembler extends Disassembler {
  dispose(): void;
}

/** objdump's habits: lowercase hex, no leading zeros on branch targets, absolute RIP targets. */
function makeFormatter(iced: Iced, syntax: AsmSyntax): IcedFormatter {
  const f = new iced.Formatter(
    syntax === 'att' ? iced.FormatterSyntax.Gas : iced.FormatterSyntax.Intel,
  );
  f.uppercaseHex = false;
  f.branchLeadingZeros = false;
  f.ripRelativeAddresses = true;
  f.spaceAfterOperandSeparator = true;
  return f;
}

/**
 * iced's GAS syntax writes `callq *…`/`jmpq *…`/`retq`; binutils' objdump has printed the bare
 * mnemonics since 2.37, and kernel developers compare against objdump.
 */
function dropBranchSuffix(text: string): string {
  return text.replace(/^(call|jmp|ret)q\b/, '$1');
}

/** The absolute addresses a reader may want named: near branch target, RIP-relative operand. */
function addTargets(iced: Iced, insn: InstanceType<Iced['Instruction']>, out: FormattedInsn): void {
  if (insn.opCount > 0 && insn.op0Kind === iced.OpKind.NearBranch64)
    out.branchTarget = insn.nearBranch64;
  if (insn.isIpRelMemoryOperand) out.ripTarget = insn.ipRelMemoryAddress;
}

export function makeIcedDisassembler(iced: Iced): IcedDisassembler {
  const formatters = new Map<AsmSyntax, IcedFormatter>();
  const formatterFor = (syntax: AsmSyntax): IcedFormatter => {
    let f = formatters.get(syntax);
    if (!f) {
      f = makeFormatter(iced, syntax);
      formatters.set(syntax, f);
    }
    return f;
  };
  return {
    disassemble(
      bytes: Uint8Array,
      ip: bigint,
      syntax: AsmSyntax = 'att',
      symbols?: SymbolLookup,
    ): FormattedInsn[] {
      const out: FormattedInsn[] = [];
      if (bytes.length === 0) return out;
      const formatter = formatterFor(syntax);
      const decoder = new iced.Decoder(64, bytes, iced.DecoderOptions.None);
      const insn = new iced.Instruction();
      try {
        let offset = 0;
        while (offset < bytes.length) {
          decoder.position = offset;
          decoder.ip = BigInt.asUintN(64, ip + BigInt(offset));
          decoder.decodeOut(insn);
          // An undecodable byte is shown alone, like objdump's `(bad)`, and decoding resumes after it.
          const ok = !insn.isInvalid;
          const length = ok ? insn.length : 1;
          const text = ok ? formatter.format(insn) : '(bad)';
          const formatted: FormattedInsn = {
            offset,
            length,
            ok,
            text: syntax === 'att' ? dropBranchSuffix(text) : text,
          };
          if (ok) addTargets(iced, insn, formatted);
          out.push(formatted);
          offset += length;
        }
      } finally {
        insn.free();
        decoder.free();
      }
      return symbolizeInsns(out, symbols, syntax);
    },
    dispose(): void {
      for (const f of formatters.values()) f.free();
      formatters.clear();
    },
  };
}
