/**
 * `--features LIST|@FILE` and `--cpuinfo FILE`: the CPU a command simulates, with errors that
 * point into the list or file they came from.
 */
import type { FeatureIndex, KernelVersion } from '../core/model';
import { parseCpuinfo, parseFeatureList } from '../core/features';
import type { CliIo } from './io';
import { formatLocated } from './io';

export interface CpuRead {
  features: FeatureIndex[];
  errors: string[];
  warnings: string[];
}

function lineColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset).split('\n');
  return { line: before.length, column: before[before.length - 1]!.length + 1 };
}

async function readText(io: CliIo, path: string): Promise<string | { error: string }> {
  try {
    return new TextDecoder().decode(await io.readFile(path));
  } catch (e) {
    return { error: `altscope: cannot read ${path}: ${(e as Error).message}` };
  }
}

/** Read every `--features` value and `--cpuinfo` file for `kernel`. */
export async function readCpu(
  io: CliIo,
  featureArgs: readonly string[],
  cpuinfoPath: string | undefined,
  kernel: KernelVersion,
): Promise<CpuRead> {
  const out: CpuRead = { features: [], errors: [], warnings: [] };
  for (const arg of featureArgs) {
    const fromFile = arg.startsWith('@');
    const text = fromFile ? await readText(io, arg.slice(1)) : arg;
    if (typeof text !== 'string') {
      out.errors.push(text.error);
      continue;
    }
    const list = parseFeatureList(text, kernel);
    out.features.push(...list.indices);
    for (const e of list.errors) {
      out.errors.push(
        fromFile
          ? formatLocated(arg.slice(1), lineColumn(text, e.offset), 'error', e.message)
          : `--features: error: ${e.message} (at column ${e.offset + 1})`,
      );
    }
  }
  if (cpuinfoPath !== undefined) {
    const text = await readText(io, cpuinfoPath);
    if (typeof text !== 'string') out.errors.push(text.error);
    else {
      const info = parseCpuinfo(text, kernel);
      if (!info.foundFlags)
        out.errors.push(
          formatLocated(cpuinfoPath, undefined, 'error', 'no "flags" line: not a /proc/cpuinfo'),
        );
      out.features.push(...info.indices);
      for (const u of info.unknown) {
        out.warnings.push(
          formatLocated(
            cpuinfoPath,
            u,
            'warning',
            `${kernel} has no ${u.bug ? 'bug' : 'feature'} named '${u.name}'; ignored`,
          ),
        );
      }
    }
  }
  return out;
}
