/**
 * The alternative macros as the editor offers them: a snippet to insert and a hover that says
 * what each expands to (arch/x86/include/asm/alternative.h, in our words).
 */
import { hasMacroStatement } from '../../core/macros/macroSyntax';

export interface MacroDoc {
  /** Monaco snippet syntax (`${1:…}` placeholders). */
  snippet: string;
  signature: string;
  doc: string;
}

const NESTING =
  'Nested since 6.10: each level pads what it wraps with 0x90 up to its replacement and emits one `alt_instr` (instrlen = the length so far). 6.1 lays them out flat: one padding, one instrlen.';

export const MACRO_DOCS: Record<string, MacroDoc> = {
  ALTERNATIVE: {
    snippet: 'ALTERNATIVE "${1:old}", "${2:new}", X86_FEATURE_${3:FEATURE}',
    signature: 'ALTERNATIVE oldinstr, newinstr, ft_flags',
    doc: 'One `alt_instr`: `newinstr` replaces `oldinstr` when the feature is present; the original is padded with 0x90 to the replacement’s length.',
  },
  ALTERNATIVE_2: {
    snippet:
      'ALTERNATIVE_2 "${1:old}", "${2:new1}", X86_FEATURE_${3:F1}, "${4:new2}", X86_FEATURE_${5:F2}',
    signature: 'ALTERNATIVE_2 oldinstr, newinstr1, ft_flags1, newinstr2, ft_flags2',
    doc: `ALTERNATIVE(ALTERNATIVE(old, new1, f1), new2, f2): two entries; the last eligible wins. ${NESTING}`,
  },
  ALTERNATIVE_3: {
    snippet:
      'ALTERNATIVE_3 "${1:old}", "${2:new1}", X86_FEATURE_${3:F1}, "${4:new2}", X86_FEATURE_${5:F2}, "${6:new3}", X86_FEATURE_${7:F3}',
    signature:
      'ALTERNATIVE_3 oldinstr, newinstr1, ft_flags1, newinstr2, ft_flags2, newinstr3, ft_flags3',
    doc: `Three levels, e.g. XSTATE_XSAVE. ${NESTING} (The asm-form .macro of 6.12/7.2 does not assemble; the kernel only uses the C form.)`,
  },
  ALTERNATIVE_TERNARY: {
    snippet: 'ALTERNATIVE_TERNARY("${1:old}", X86_FEATURE_${2:FEATURE}, "${3:yes}", "${4:no}")',
    signature: 'ALTERNATIVE_TERNARY(oldinstr, ft_flags, newinstr_yes, newinstr_no)',
    doc: 'ALTERNATIVE_2(old, no, X86_FEATURE_ALWAYS, yes, ft_flags): “no” always applies, “yes” overrides it when the feature is present.',
  },
  ALT_NOT: {
    snippet: 'ALT_NOT(X86_FEATURE_${1:FEATURE})',
    signature: 'ALT_NOT(feature)',
    doc: '`ALT_FLAG_NOT` in ft_flags: the entry applies when the feature is **absent**.',
  },
  ALT_DIRECT_CALL: {
    snippet: 'ALT_DIRECT_CALL(X86_FEATURE_${1:FEATURE})',
    signature: 'ALT_DIRECT_CALL(feature)',
    doc: '`ALT_FLAG_DIRECT_CALL` (6.8+): the original `call *pv_ops+x(%rip)` becomes a direct call to the slot’s target.',
  },
  ALT_CALL_ALWAYS: {
    snippet: 'ALT_CALL_ALWAYS',
    signature: 'ALT_CALL_ALWAYS',
    doc: 'ALT_DIRECT_CALL(X86_FEATURE_ALWAYS): every paravirt call site becomes a direct call.',
  },
  ALT_CALL_INSTR: {
    snippet: 'ALT_CALL_INSTR',
    signature: 'ALT_CALL_INSTR',
    doc: '`call BUG_func`: the placeholder replacement a DIRECT_CALL entry retargets (needs `symbol BUG_func …`).',
  },
};

/** In a macro line, features are written as the kernel writes them (`X86_FEATURE_…`). */
export const isMacroLine = (line: string): boolean => hasMacroStatement(line);
