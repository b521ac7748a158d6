/**
 * Add objdump's symbol references to one formatted instruction: a branch or call target becomes
 * `ffffffff8223d5c0 <BUG_func>`, a RIP-relative operand gets `# ffffffff82a00040 <pv_ops+0x40>`.
 * Pure text work over the target addresses the disassembler reported.
 */
import type { AsmSyntax, FormattedInsn } from '../ports';
import { bareHex, formatSymbolRef, type SymbolLookup } from './lookup';

/** The branch target literal iced prints last: `0xffff…` (AT&T) or `0ffff…h` (Intel). */
const TARGET_LITERAL = /(?:0x[0-9a-f]+|[0-9a-f]+h)$/;

/** `insn.text` with symbol references; unchanged when nothing names its targets. */
export function symbolizeText(
  insn: FormattedInsn,
  lookup: SymbolLookup,
  _syntax: AsmSyntax = 'att',
): string {
  let text = insn.text;
  if (insn.branchTarget !== undefined) {
    const hit = lookup(insn.branchTarget);
    if (hit && TARGET_LITERAL.test(text))
      text = text.replace(TARGET_LITERAL, `${bareHex(insn.branchTarget)} ${formatSymbolRef(hit)}`);
  }
  if (insn.ripTarget !== undefined) {
    const hit = lookup(insn.ripTarget);
    text += `  # ${bareHex(insn.ripTarget)}${hit ? ` ${formatSymbolRef(hit)}` : ''}`;
  }
  return text;
}

/** Every instruction's text symbolized (a no-op without a lookup). */
export function symbolizeInsns(
  insns: FormattedInsn[],
  lookup: SymbolLookup | undefined,
  syntax: AsmSyntax = 'att',
): FormattedInsn[] {
  if (!lookup) return insns;
  return insns.map((i) =>
    i.branchTarget === undefined && i.ripTarget === undefined
      ? i
      : { ...i, text: symbolizeText(i, lookup, syntax) },
  );
}
