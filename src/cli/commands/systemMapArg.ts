/** `--system-map FILE`, shared by the commands that read kernel images. */
import { readSystemMap } from '../../binary/systemMap';
import type { SymbolIndex } from '../../binary/elf/kallsyms';
import type { CliIo } from '../io';
import { formatLocated } from '../io';

export type SystemMapArg = { ok: true; names?: SymbolIndex } | { ok: false; message: string };

export async function readSystemMapFile(
  io: CliIo,
  path: string | undefined,
): Promise<SystemMapArg> {
  if (path === undefined) return { ok: true };
  let text: string;
  try {
    text = new TextDecoder().decode(await io.readFile(path));
  } catch (e) {
    return { ok: false, message: `altscope: cannot read ${path}: ${(e as Error).message}` };
  }
  const r = readSystemMap(text);
  if (!r.ok) {
    return {
      ok: false,
      message: r.diagnostics
        .map((d) =>
          formatLocated(
            path,
            d.location?.kind === 'text' ? d.location : undefined,
            d.severity,
            d.message,
          ),
        )
        .join('\n'),
    };
  }
  return { ok: true, names: r.value };
}
