/**
 * `altscope`: the simulator on the command line. Commands are listed explicitly; each lives in
 * `commands/<name>.ts` and takes its argv and an io object, so tests run it in-process.
 */
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { runDiffEngines } from './commands/diff-engines';
import { runDiffKernels } from './commands/diff-kernels';
import { runCheckLog } from './commands/check-log';
import { runExamples } from './commands/examples';
import { runExportLog } from './commands/export-log';
import { runLink } from './commands/link';
import { runScenario } from './commands/scenario';
import { runLint } from './commands/lint';
import { PATCH_USAGE, runPatch } from './commands/patch';
import type { CliIo } from './io';
import { EXIT_BAD_INPUT, EXIT_OK, exitOnClosedPipe } from './io';

interface Command {
  name: string;
  summary: string;
  run(argv: readonly string[], io: CliIo): Promise<number>;
}

export const COMMANDS: readonly Command[] = [
  {
    name: 'patch',
    summary: 'simulate a scenario on a CPU and show each site before and after',
    run: runPatch,
  },
  { name: 'link', summary: 'print a permalink that opens the web app on a scenario', run: runLink },
  {
    name: 'check-log',
    summary: 'recompute a debug-alternative boot log and list sites that disagree',
    run: runCheckLog,
  },
  {
    name: 'export-log',
    summary: 'print the debug-alternative lines the kernel would log for an input',
    run: runExportLog,
  },
  {
    name: 'scenario',
    summary: 'write the JSON scenario of a kernel input (selected sites)',
    run: runScenario,
  },
  {
    name: 'examples',
    summary: 'list the built-in examples, or print one as a scenario file',
    run: runExamples,
  },
  {
    name: 'diff-engines',
    summary: 'sites where single-pass and multi-pass differ, with the cause',
    run: runDiffEngines,
  },
  {
    name: 'diff-kernels',
    summary: 'two kernels side by side: sites added, removed, changed',
    run: runDiffKernels,
  },
  {
    name: 'lint',
    summary: 'review lints per site (cpuid, lengths, branches, decode, kernel bugs)',
    run: runLint,
  },
];

export const MAIN_USAGE = `usage: altscope <command> [options]   (altscope <command> --help for details)
Commands:
${COMMANDS.map((c) => `  ${c.name.padEnd(10)} ${c.summary}`).join('\n')}
Exit status: 0 success; 1 the kernel would BUG() (kernel-bug diagnostics); 2 bad usage or input.

${PATCH_USAGE}`;

export async function runMain(argv: readonly string[], io: CliIo): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    io.stdout(MAIN_USAGE);
    return name === undefined ? EXIT_BAD_INPUT : EXIT_OK;
  }
  const command = COMMANDS.find((c) => c.name === name);
  if (!command) {
    io.stderr(`altscope: unknown command '${name}'\n\n${MAIN_USAGE}`);
    return EXIT_BAD_INPUT;
  }
  return command.run(rest, io);
}

let pipesGuarded = false;
/** Before the first write (from either entry point, bin/ or tsx): a closed pipe ends quietly. */
function guardPipes(): void {
  if (pipesGuarded) return;
  pipesGuarded = true;
  exitOnClosedPipe(process.stdout, (code) => process.exit(code));
  exitOnClosedPipe(process.stderr, (code) => process.exit(code));
}

/** The process's io: real files, real streams. */
export const nodeIo: CliIo = {
  // One synchronous read: a command reads its few inputs up front, and fs.promises' chunked
  // reads of a 50 MB vmlinux cost ~100 ms of event-loop round trips.
  readFile: (path) => readFileSync(path),
  stdout: (text) => {
    guardPipes();
    process.stdout.write(text);
  },
  stderr: (text) => {
    guardPipes();
    process.stderr.write(text);
  },
};

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  runMain(process.argv.slice(2), nodeIo).then((code) => {
    process.exitCode = code;
  });
}
