/**
 * Mnemonic spellings GAS accepts that iced's table names differently: AT&T size suffixes
 * (`movq`, `callq`), AT&T-only names (`movzbl`, `cltq`, `movabs`), condition-code synonyms
 * (`jz` = `je`), string-instruction sizes (`movsl` = `movsd`).
 */
import type { AsmSyntax } from '../../core/ports';

/** Where a mnemonic leads in iced's table, and the sizes its spelling implies. */
export interface MnemonicLookup {
  mnemonic: string;
  /** Operand size in bytes from an AT&T suffix (`l` = 4). */
  size?: number;
  /** Source size of `movzbl`-style conversions (`b` = 1). */
  srcSize?: number;
  /** `movabs`: the 64-bit immediate and moffs forms are allowed. */
  movabs?: boolean;
}

const SUFFIX: Record<string, number> = { b: 1, w: 2, l: 4, q: 8 };

const CC_SYNONYMS: Record<string, string> = {
  z: 'e',
  nz: 'ne',
  c: 'b',
  nae: 'b',
  nc: 'ae',
  nb: 'ae',
  na: 'be',
  nbe: 'a',
  nge: 'l',
  nl: 'ge',
  ng: 'le',
  nle: 'g',
  pe: 'p',
  po: 'np',
};

/** Both syntaxes: GAS sizes these by the 64-bit default (`pushf` is `9c`, not `66 9c`). */
const LONG_MODE_NAMES: Record<string, string> = { pushf: 'pushfq', popf: 'popfq' };

const ATT_NAMES: Record<string, string> = {
  cltq: 'cdqe',
  cqto: 'cqo',
  cltd: 'cdq',
  cwtl: 'cwde',
  cbtw: 'cbw',
  cwtd: 'cwd',
  movslq: 'movsxd',
  movsl: 'movsd',
  cmpsl: 'cmpsd',
  stosl: 'stosd',
  lodsl: 'lodsd',
  scasl: 'scasd',
  insl: 'insd',
  outsl: 'outsd',
  sysretq: 'sysretq',
};

/** `jz` → `je`, `cmovnc` → `cmovae`, `setpe` → `setp`. */
function canonicalCc(m: string): string {
  const cc = /^(j|set|cmov)([a-z]+)$/.exec(m);
  const syn = cc && CC_SYNONYMS[cc[2]!];
  return syn ? cc[1]! + syn : m;
}

/**
 * Candidate readings of a mnemonic, most literal first: the name itself, then (AT&T) the name
 * with its size suffix removed.
 */
export function lookupMnemonic(
  written: string,
  syntax: AsmSyntax,
  known: (m: string) => boolean,
): MnemonicLookup[] {
  const m = LONG_MODE_NAMES[written] ?? canonicalCc(written);
  const out: MnemonicLookup[] = [];
  if (syntax === 'intel') {
    if (known(m)) out.push({ mnemonic: m });
    if (m === 'movabs') out.push({ mnemonic: 'mov', movabs: true });
    return out;
  }
  if (ATT_NAMES[m] !== undefined && known(ATT_NAMES[m])) out.push({ mnemonic: ATT_NAMES[m] });
  if (known(m)) out.push({ mnemonic: m });
  if (m === 'movabs' || m === 'movabsq') out.push({ mnemonic: 'mov', movabs: true, size: 8 });
  const conv = /^mov([zs])([bw])([wlq])$/.exec(m);
  if (conv) {
    out.push({
      mnemonic: conv[1] === 'z' ? 'movzx' : 'movsx',
      srcSize: SUFFIX[conv[2]!]!,
      size: SUFFIX[conv[3]!]!,
    });
  }
  const size = SUFFIX[m.slice(-1)];
  const stem = canonicalCc(m.slice(0, -1));
  if (size !== undefined && known(stem)) out.push({ mnemonic: stem, size });
  return out;
}
