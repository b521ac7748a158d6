/**
 * `altscope asm [--intel] [FILE|-]`: one `ADDR: INSTRUCTION` per line (objdump -d's form
 * without the byte column; its `<sym+off>` comments are ignored) → one `ADDR: HEX` per line,
 * or `ADDR: error: LINE:COLUMN: MESSAGE`. Exit status 1 when any line failed.
 */
import type { Assembler } from '../../core/ports';
import { createAssembler } from '../../disasm/asm';
import { parseArgs } from '../args';
import type { CliIo } from '../io';
import { EXIT_BAD_INPUT, EXIT_OK } from '../io';

export const ASM_USAGE = `usage: altscope asm [--intel] [FILE|-]
Assembles each line 'ADDR: INSTRUCTION' (AT&T, or Intel with --intel) at ADDR and prints
'ADDR: HEX'; a line that does not assemble prints 'ADDR: error: LINE:COLUMN: MESSAGE'.
Reads standard input without FILE or with '-'. Blank lines and '#' comment lines are skipped.
Exit status: 0 all lines assembled; 1 some line did not; 2 bad usage.
`;

const EXIT_SOME_FAILED = 1;

/** One input line → one output line, or undefined for a blank/comment line. */
export function assembleLine(
  asm: Assembler,
  text: string,
  lineNo: number,
  intel: boolean,
): { out: string; ok: boolean } | undefined {
  const trimmed = text.trim();
  if (trimmed === '' || trimmed.startsWith('#')) return undefined;
  const m = /^\s*(?:0x)?([0-9a-fA-F]+)\s*:\s?/.exec(text);
  if (!m) {
    const word = trimmed.split(/\s+/)[0]!;
    return { out: `${word}: error: ${lineNo}:1: expected 'ADDR: INSTRUCTION'`, ok: false };
  }
  const addrText = m[1]!.toLowerCase();
  if (addrText.length > 16)
    return { out: `${addrText}: error: ${lineNo}:1: address wider than 64 bits`, ok: false };
  const r = asm.assemble(text.slice(m[0].length), BigInt('0x' + addrText), {
    syntax: intel ? 'intel' : 'att',
  });
  if (!r.ok)
    return {
      out: `${addrText}: error: ${lineNo}:${r.error.column + m[0].length}: ${r.error.message}`,
      ok: false,
    };
  let hex = '';
  for (const b of r.bytes) hex += b.toString(16).padStart(2, '0');
  return { out: `${addrText}: ${hex}`, ok: true };
}

export async function runAsm(argv: readonly string[], io: CliIo): Promise<number> {
  const parsed = parseArgs(argv, { valued: [], boolean: ['help', 'intel'] });
  if (!parsed.ok) return fail(io, `altscope asm: ${parsed.message}\n\n${ASM_USAGE}`);
  const { flags, positionals } = parsed.args;
  if (flags.has('help')) {
    io.stdout(ASM_USAGE);
    return EXIT_OK;
  }
  if (positionals.length > 1)
    return fail(io, `altscope asm: expected at most one FILE\n\n${ASM_USAGE}`);
  const file = positionals[0] ?? '-';
  let bytes: Uint8Array;
  try {
    bytes = await io.readFile(file);
  } catch (e) {
    return fail(io, `altscope asm: cannot read ${file}: ${(e as Error).message}`);
  }
  const asm = createAssembler();
  const lines = new TextDecoder().decode(bytes).split(/\r?\n/);
  const out: string[] = [];
  let failed = false;
  lines.forEach((text, i) => {
    const r = assembleLine(asm, text, i + 1, flags.has('intel'));
    if (!r) return;
    out.push(r.out);
    if (!r.ok) failed = true;
  });
  io.stdout(out.length ? out.join('\n') + '\n' : '');
  return failed ? EXIT_SOME_FAILED : EXIT_OK;
}

function fail(io: CliIo, message: string): number {
  io.stderr(`${message}\n`);
  return EXIT_BAD_INPUT;
}
