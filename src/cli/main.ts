/**
 * `altscope`: the simulator on the command line. Commands are listed explicitly; each lives in
 * `commands/<name>.ts`, is imported only when it runs, and takes its argv and an io object, so
 * tests run it in-process.
 */
import { PATCH_USAGE } from './commands/patchUsage';
import type { CliIo } from './io';
import { EXIT_BAD_INPUT, EXIT_OK, exitOnClosedPipe } from './io';

type RunCommand = (argv: readonly string[], io: CliIo) => Promise<number>;

interface Command {
  name: string;
  summary: string;
  /**
   * The command's module, imported only when it runs: `--help` and a bad command name load
   * nothing else, and each command pays only for what it uses (issue 13). One line per command.
   */
  load(): Promise<RunCommand>;
}

export const COMMANDS: readonly Command[] = [
  {
    name: 'patch',
    summary: 'simulate a scenario on a CPU and show each site before and after',
    load: async () => (await import('./commands/patch')).runPatch,
  },
  {
    name: 'link',
    summary: 'print a permalink that opens the web app on a scenario',
    load: async () => (await import('./commands/link')).runLink,
  },
  {
    name: 'check-log',
    summary: 'recompute a debug-alternative boot log and list sites that disagree',
    load: async () => (await import('./commands/check-log')).runCheckLog,
  },
  {
    name: 'export-log',
    summary: 'print the debug-alternative lines the kernel would log for an input',
    load: async () => (await import('./commands/export-log')).runExportLog,
  },
  {
    name: 'scenario',
    summary: 'write the JSON scenario of a kernel input (selected sites)',
    load: async () => (await import('./commands/scenario')).runScenario,
  },
  {
    name: 'examples',
    summary: 'list the built-in examples, or print one as a scenario file',
    load: async () => (await import('./commands/examples')).runExamples,
  },
  {
    name: 'diff-engines',
    summary: 'sites where single-pass and multi-pass differ, with the cause',
    load: async () => (await import('./commands/diff-engines')).runDiffEngines,
  },
  {
    name: 'asm',
    summary: "assemble 'ADDR: INSTRUCTION' lines (AT&T or --intel) to 'ADDR: HEX'",
    load: async () => (await import('./commands/asm')).runAsm,
  },
  {
    name: 'expand',
    summary: 'print the JSON scenario of one ALTERNATIVE… macro as the kernel lays it out',
    load: async () => (await import('./commands/expand')).runExpand,
  },
  {
    name: 'memdiff',
    summary: 'the bytes the whole boot rewrites in kernel text (memdiff.txt format)',
    load: async () => (await import('./commands/memdiff')).runMemdiff,
  },
  {
    name: 'diff-kernels',
    summary: 'two kernels side by side: sites added, removed, changed',
    load: async () => (await import('./commands/diff-kernels')).runDiffKernels,
  },
  {
    name: 'lint',
    summary: 'review lints per site (cpuid, lengths, branches, decode, kernel bugs)',
    load: async () => (await import('./commands/lint')).runLint,
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
  const run = await command.load();
  return run(rest, io);
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
  // getBuiltinModule rather than `import`: see bin/altscope.mjs (start-up cost of ESM facades).
  readFile: (path) => process.getBuiltinModule('node:fs').readFileSync(path === '-' ? 0 : path),
  stdout: (text) => {
    guardPipes();
    process.stdout.write(text);
  },
  stdoutBytes: (bytes) => {
    guardPipes();
    process.stdout.write(bytes);
  },
  stderr: (text) => {
    guardPipes();
    process.stderr.write(text);
  },
  env: process.env,
};

if (
  import.meta.url === process.getBuiltinModule('node:url').pathToFileURL(process.argv[1] ?? '').href
) {
  runMain(process.argv.slice(2), nodeIo).then((code) => {
    process.exitCode = code;
  });
}
