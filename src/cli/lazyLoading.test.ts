/**
 * What each command loads at start (issue 13): the import graph esbuild sees — static imports and
 * `import()` alike — from a command's module must not reach a package the command only sometimes
 * needs. iced-x86 is required at run time through `src/disasm/node.ts` when something decodes or
 * assembles; a static import anywhere on these paths would load it (~40 ms) on every run.
 */
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';

/** A package name (esbuild lists imports it drops, like a type-only one, by their relative path). */
const isPackage = (p: string): boolean => !/^(src\/|node:|\.)/.test(p);

/** Every module and package reachable from `entry` (by static import only, when asked). */
async function reachable(entry: string, staticOnly = false): Promise<Set<string>> {
  const { metafile } = await build({
    entryPoints: [entry],
    bundle: true,
    splitting: true,
    platform: 'node',
    format: 'esm',
    packages: 'external',
    metafile: true,
    write: false,
    outdir: 'out',
    logLevel: 'silent',
  });
  const seen = new Set<string>([entry]);
  const todo = [entry];
  for (let file = todo.pop(); file !== undefined; file = todo.pop())
    for (const imp of metafile.inputs[file]?.imports ?? [])
      if (!seen.has(imp.path) && !(staticOnly && imp.kind === 'dynamic-import')) {
        seen.add(imp.path);
        todo.push(imp.path);
      }
  return seen;
}

describe('packages a command loads', () => {
  it('patch, check-log and memdiff never import iced-x86 (the fast path decodes)', async () => {
    for (const command of ['patch', 'check-log', 'memdiff']) {
      const graph = await reachable(`src/cli/commands/${command}.ts`);
      expect(graph.has('src/cli/readInput.ts'), command).toBe(true);
      expect(
        [...graph].filter((p) => p.startsWith('iced-x86')),
        command,
      ).toEqual([]);
    }
  });

  it('patch loads no package until its input needs one (decompressors, iced-x86)', async () => {
    // What a JSON scenario run evaluates: the command and the dependencies it imports at once.
    const graph = new Set([
      ...(await reachable('src/cli/commands/patch.ts', true)),
      ...(await reachable('src/cli/commands/patchDeps.ts', true)),
    ]);
    expect(graph.has('src/binary/decompress.ts')).toBe(true);
    expect([...graph].filter(isPackage)).toEqual([]);
  });

  it('the entry point statically imports no package (`--help`, a bad command)', async () => {
    const graph = await reachable('src/cli/main.ts', true);
    expect(graph.has('src/cli/commands/patchUsage.ts')).toBe(true);
    expect([...graph].filter(isPackage)).toEqual([]);
  });
});
