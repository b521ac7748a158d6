/**
 * `altscope expand [--kernel 6.1|6.12|7.2|7.3] [--at ADDR] [--repl-at ADDR] [--symbol NAME=ADDR]
 * 'MACRO'`: the JSON scenario (`altscope-scenario` v1) of one macro's expansion — the site's
 * bytes (old instructions, then 0x90 padding) and per entry feature, flags, instrlen,
 * repl_addr and repl, in table order.
 */
import type { KernelVersion } from '../../core/model';
import { KERNEL_VERSIONS, toAddr } from '../../core/model';
import { expandMacro } from '../../core/macros/expand';
import { getProfile } from '../../core/profiles';
import { parseMacroCall } from '../../core/macros/macroSyntax';
import { siteFromExpansion } from '../../core/macros/site';
import { resolveScenarioFeature } from '../../core/scenario/feature';
import { toScenarioJson } from '../../core/scenario/jsonWrite';
import { createAssembler } from '../../disasm/asm';
import { lastValue, parseArgs } from '../args';
import type { CliIo } from '../io';
import { EXIT_BAD_INPUT, EXIT_OK } from '../io';

export const EXPAND_USAGE = `usage: altscope expand [--kernel 6.1|6.12|7.2|7.3] [--at ADDR] [--repl-at ADDR]
                       [--symbol NAME=ADDR]… 'MACRO'
Prints the JSON scenario of one alternative macro as the kernel's macros lay it out: nested
(6.10+: each level pads to its replacement, its own instrlen) or flat (6.1: one padding, one
instrlen). MACRO is the asm form (ALTERNATIVE_2 "old", "new1", X86_FEATURE_A, "new2", X86_FEATURE_B)
or the C form (alternative_2("old", "new1", X86_FEATURE_A, "new2", X86_FEATURE_B)).
  --kernel K       profile whose macros and feature names apply (default 7.2)
  --at ADDR        the site's address (default 0xffffffff81000000)
  --repl-at ADDR   the first replacement's address (default 0xffffffff82800000)
  --symbol N=ADDR  a symbol the instructions use (BUG_func for ALT_CALL_INSTR, call targets)
`;

const KERNELS: readonly string[] = KERNEL_VERSIONS;
const DEFAULT_SITE = 0xffffffff81000000n;
const DEFAULT_REPL = 0xffffffff82800000n;

function readAddr(text: string | undefined, fallback: bigint): bigint | undefined {
  if (text === undefined) return fallback;
  const m = /^(?:0x)?([0-9a-f]{1,16})$/i.exec(text);
  return m ? BigInt('0x' + m[1]) : undefined;
}

export async function runExpand(argv: readonly string[], io: CliIo): Promise<number> {
  const parsed = parseArgs(argv, {
    valued: ['kernel', 'at', 'repl-at', 'symbol'],
    boolean: ['help'],
  });
  if (!parsed.ok) return fail(io, `altscope expand: ${parsed.message}\n\n${EXPAND_USAGE}`);
  const args = parsed.args;
  if (args.flags.has('help')) {
    io.stdout(EXPAND_USAGE);
    return EXIT_OK;
  }
  if (args.positionals.length !== 1)
    return fail(io, `altscope expand: expected one MACRO argument\n\n${EXPAND_USAGE}`);
  const kernel = lastValue(args, 'kernel') ?? '7.2';
  if (!KERNELS.includes(kernel))
    return fail(io, `altscope expand: unknown kernel '${kernel}' (expected ${KERNELS.join(', ')})`);
  const site = readAddr(lastValue(args, 'at'), DEFAULT_SITE);
  const repl = readAddr(lastValue(args, 'repl-at'), DEFAULT_REPL);
  if (site === undefined || repl === undefined)
    return fail(io, `altscope expand: --at and --repl-at take a hex address (0xffffffff81000000)`);
  const symbols = new Map<string, bigint>();
  for (const s of args.values.get('symbol') ?? []) {
    const m = /^([A-Za-z_.$][\w.$]*)=(.+)$/.exec(s);
    const addr = m ? readAddr(m[2], 0n) : undefined;
    if (!m || addr === undefined)
      return fail(io, `altscope expand: --symbol takes NAME=ADDR, found '${s}'`);
    symbols.set(m[1]!, addr);
  }
  const macro = args.positionals[0]!;
  const call = parseMacroCall(macro);
  if (!call.ok) return fail(io, `altscope expand: 1:${call.column}: ${call.message}`);
  const profile = getProfile(kernel as KernelVersion);
  const r = expandMacro(call.call, {
    layout: profile.macroLayout,
    site: toAddr(site),
    repl: toAddr(repl),
    assembler: createAssembler(),
    symbols,
    directCall: profile.directCall,
    resolveFeature: (t) => resolveScenarioFeature(t, kernel as KernelVersion),
  });
  if (!r.ok) return fail(io, `altscope expand: 1:${r.column}: ${r.message}`);
  const table = {
    kernel: kernel as KernelVersion,
    sites: [siteFromExpansion(toAddr(site), r.original, r.expansion)],
    memory: [],
    symbols: [...symbols].map(([name, addr]) => ({ name, addr: toAddr(addr) })),
    features: [],
  };
  io.stdout(toScenarioJson(table));
  return EXIT_OK;
}

function fail(io: CliIo, message: string): number {
  io.stderr(`${message}\n`);
  return EXIT_BAD_INPUT;
}
