/** In-process CLI runs for tests: files come from a map, output is captured. */
import { runMain } from './main';

export interface CliRun {
  status: number;
  stdout: string;
  stderr: string;
}

export async function runCli(files: Record<string, string>, ...argv: string[]): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const status = await runMain(argv, {
    readFile: (p) => {
      const t = files[p];
      if (t === undefined) throw new Error('ENOENT: no such file');
      return new TextEncoder().encode(t);
    },
    stdout: (t) => void (stdout += t),
    stderr: (t) => void (stderr += t),
  });
  return { status, stdout, stderr };
}
