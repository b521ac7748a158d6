/**
 * `altscope scenario <input> [--sites PATTERN] [--kernel] [--system-map FILE]`: write the JSON
 * scenario of a kernel input (all sites, or the selected ones) — for sharing a few sites of a
 * big kernel, or turning a boot log into something the web app opens.
 */
import type { KernelVersion } from '../../core/model';
import { toScenarioJson } from '../../core/scenario/json';
import { applySitesArg } from '../sitesArg';
import { lastValue, parseArgs } from '../args';
import type { CliIo } from '../io';
import { EXIT_BAD_INPUT, EXIT_OK } from '../io';
import { checkKernelArg, readKernelInput } from './kernelInput';

export const SCENARIO_USAGE = `usage: altscope scenario <input> [--sites PATTERN[,PATTERN…]] [--kernel 6.1|6.12|7.2|7.3]
                         [--system-map FILE]
Writes the JSON scenario of <input> (vmlinux, .o/.ko, bzImage, boot log or scenario): the sites
with their original bytes, every entry, the pv_ops slots DIRECT_CALL entries read, nop_func and
BUG_func.
  --sites P   only sites matching: an address (0xffffffff81283cd3), a %pS name
              (save_fpregs_to_fpstate+0x43/0xa0) or a function-name glob (save_fpregs*);
              comma separated or repeated
`;

export async function runScenario(argv: readonly string[], io: CliIo): Promise<number> {
  const parsed = parseArgs(argv, { valued: ['sites', 'kernel', 'system-map'], boolean: ['help'] });
  if (!parsed.ok) return fail(io, `altscope scenario: ${parsed.message}\n\n${SCENARIO_USAGE}`);
  const args = parsed.args;
  if (args.flags.has('help')) {
    io.stdout(SCENARIO_USAGE);
    return EXIT_OK;
  }
  if (args.positionals.length !== 1)
    return fail(io, `altscope scenario: expected one <input> file\n\n${SCENARIO_USAGE}`);
  const kernelArg = lastValue(args, 'kernel');
  const bad = checkKernelArg(kernelArg);
  if (bad) return fail(io, `altscope scenario: ${bad}`);
  const file = args.positionals[0]!;
  const read = await readKernelInput(
    io,
    file,
    kernelArg as KernelVersion | undefined,
    lastValue(args, 'system-map'),
  );
  if (!read.ok) return fail(io, read.message);
  let table = read.input.table;
  if (kernelArg) table = { ...table, kernel: kernelArg as KernelVersion };
  const narrowed = applySitesArg(table, args, 'scenario');
  if (!narrowed.ok) return fail(io, narrowed.message);
  table = narrowed.table;
  if (read.warnings.length > 0) io.stderr(read.warnings.join('\n') + '\n');
  io.stdout(toScenarioJson(table));
  return EXIT_OK;
}

function fail(io: CliIo, message: string): number {
  io.stderr(`${message}\n`);
  return EXIT_BAD_INPUT;
}
