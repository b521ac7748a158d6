/** What a command needs from its host, passed in so tests run commands in-process. */
export interface CliIo {
  readFile(path: string): Uint8Array | Promise<Uint8Array>;
  stdout(text: string): void;
  /**
   * Bytes for stdout, when the host can take them as they are: a 5 MB JSON report written as
   * bytes skips decoding it into a string and encoding it back (issue 13). Optional: without it
   * `writeStdout` decodes and calls `stdout`.
   */
  stdoutBytes?(bytes: Uint8Array): void;
  stderr(text: string): void;
  /** The environment (only `altscope link` reads it: `ALTSCOPE_PUBLIC_URL`). */
  env?: Readonly<Record<string, string | undefined>>;
}

/** Exit statuses shared by every command (documented in `altscope --help`). */
export const EXIT_OK = 0;
/** The input is fine but the kernel would BUG() on it (a `kernel-bug…` diagnostic). */
export const EXIT_KERNEL_BUG = 1;
/** Bad usage or bad input: nothing was printed on stdout. */
export const EXIT_BAD_INPUT = 2;

/** UTF-8 `bytes` to the command's stdout, as bytes when the host takes them. */
export function writeStdout(io: CliIo, bytes: Uint8Array): void {
  if (io.stdoutBytes) io.stdoutBytes(bytes);
  else io.stdout(new TextDecoder().decode(bytes));
}

/** `file:line:column: severity: message`, the compiler-style line editors jump to. */
export function formatLocated(
  file: string,
  loc: { line: number; column: number } | undefined,
  severity: string,
  message: string,
): string {
  return loc
    ? `${file}:${loc.line}:${loc.column}: ${severity}: ${message}`
    : `${file}: ${severity}: ${message}`;
}

/** The part of a Node stream `exitOnClosedPipe` needs. */
interface ErrorEmitter {
  on(event: 'error', listener: (e: NodeJS.ErrnoException) => void): unknown;
}

/**
 * `altscope patch … | head`: once the reader has gone, writes fail with EPIPE; stop quietly,
 * as `cat` does, instead of dying with an unhandled 'error' event. Other errors still throw.
 */
export function exitOnClosedPipe(stream: ErrorEmitter, exit: (code: number) => never): void {
  stream.on('error', (e) => {
    if (e.code === 'EPIPE') return exit(0);
    throw e;
  });
}
