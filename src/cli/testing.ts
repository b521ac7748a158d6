/** In-process CLI runs for tests: files come from a map, output is captured. */
import { runMain } from './main';

export interface CliRun {
  status: number;
  stdout: string;
  stderr: string;
}

/** `files` maps a path to its text or bytes; any other path fails as a missing file would. */
export async function runCli(
  files: Readonly<Record<string, string | Uint8Array>>,
  ...argv: string[]
): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const status = await runMain(argv, {
    readFile: (p) => {
      const t = files[p];
      if (t === undefined) throw new Error('ENOENT: no such file');
      return typeof t === 'string' ? new TextEncoder().encode(t) : t;
    },
    stdout: (t) => void (stdout += t),
    stderr: (t) => void (stderr += t),
  });
  return { status, stdout, stderr };
}
