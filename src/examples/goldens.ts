/**
 * Golden cases of the built-in examples: every example × run × CPU through the real CLI code
 * path (`altscope patch --json`), in-process. Shared by scripts/update-goldens.ts and the test.
 */
import { runPatch } from '../cli/commands/patch';
import type { Example } from './example';

export interface GoldenCase {
  /** Path under fixtures/examples/, e.g. `xstate-xsave/7.2-single-pass-xsaveopt.json`. */
  path: string;
  argv: string[];
}

export function listGoldenCases(example: Example): GoldenCase[] {
  return example.runs.flatMap((run) =>
    example.cpus.map((cpu) => ({
      path: `${example.id}/${run.kernel}-${run.engine}-${cpu.name}.json`,
      argv: [
        `${example.id}.alt`,
        '--kernel',
        run.kernel,
        '--engine',
        run.engine,
        '--json',
        ...(cpu.features.length > 0 ? ['--features', cpu.features.join(',')] : []),
      ],
    })),
  );
}

/** Run one case; returns the exit status and everything printed. */
export async function runGoldenCase(
  example: Example,
  c: GoldenCase,
): Promise<{ status: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const status = await runPatch(c.argv, {
    readFile: (path) => {
      if (path !== `${example.id}.alt`) throw new Error(`no such file: ${path}`);
      return new TextEncoder().encode(example.text);
    },
    stdout: (t) => void (stdout += t),
    stderr: (t) => void (stderr += t),
  });
  return { status, stdout, stderr };
}
