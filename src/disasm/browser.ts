/**
 * Loads iced-x86 in the browser once, on first use, so first paint waits for neither the wasm
 * (784 KB) nor its glue. Everything returned is a plain port object (see core/ports.ts).
 */
import type { AsmSyntax, Disassembler, FormattedInsn, InsnDecoder } from '../core/ports';

/** The disassembler the UI uses, once iced-x86 is ready. */
export interface BrowserDisasm {
  decoder: InsnDecoder;
  disassembler: Disassembler;
}

let pending: Promise<BrowserDisasm> | undefined;

/** Start (or join) the one lazy load of iced-x86. */
export function loadBrowserDisasm(): Promise<BrowserDisasm> {
  pending ??= Promise.all([import('iced-x86'), import('./decoder')]).then(
    ([iced, { makeIcedDecoder }]) => ({
      decoder: makeIcedDecoder(iced),
      disassembler: makeDisassembler(iced),
    }),
  );
  return pending;
}

type Iced = typeof import('iced-x86');

// Stand-in until src/disasm/format.ts lands: objdump-like AT&T / Intel text per instruction.
function makeDisassembler(iced: Iced): Disassembler {
  const formatters = new Map<AsmSyntax, InstanceType<Iced['Formatter']>>();
  const formatterFor = (syntax: AsmSyntax) => {
    let f = formatters.get(syntax);
    if (!f) {
      f = new iced.Formatter(
        syntax === 'att' ? iced.FormatterSyntax.Gas : iced.FormatterSyntax.Intel,
      );
      f.uppercaseHex = false;
      f.branchLeadingZeros = false;
      f.ripRelativeAddresses = true;
      f.spaceAfterOperandSeparator = true;
      formatters.set(syntax, f);
    }
    return f;
  };
  return {
    disassemble(bytes, ip, syntax = 'att') {
      const out: FormattedInsn[] = [];
      const decoder = new iced.Decoder(64, bytes, iced.DecoderOptions.None);
      const insn = new iced.Instruction();
      try {
        decoder.ip = ip;
        let offset = 0;
        while (decoder.canDecode) {
          decoder.decodeOut(insn);
          const ok = !insn.isInvalid;
          const length = ok ? insn.length : 1;
          out.push({ offset, length, ok, text: ok ? formatterFor(syntax).format(insn) : '(bad)' });
          offset += length;
          if (!ok) decoder.position = offset;
          decoder.ip = ip + BigInt(offset);
        }
      } finally {
        insn.free();
        decoder.free();
      }
      return out;
    },
  };
}
