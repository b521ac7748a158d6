import { useActions } from '../state/hooks';

/**
 * Opens a file from disk. Today: text or JSON scenarios. The seam for binaries: when
 * `src/binary` offers a reader (vmlinux ELF, boot log), `readScenarioFile` dispatches on the
 * file's first bytes and hands the resulting table's printed text to `loadScenario`.
 */
export async function readScenarioFile(
  file: File,
): Promise<{ ok: true; text: string } | { ok: false; message: string }> {
  const head = new Uint8Array(await file.slice(0, 4).arrayBuffer());
  if (head[0] === 0x7f && head[1] === 0x45 && head[2] === 0x4c && head[3] === 0x46) {
    return {
      ok: false,
      message: `${file.name}: ELF files are not supported here yet; open a text or JSON scenario`,
    };
  }
  return { ok: true, text: await file.text() };
}

export function FileInput() {
  const actions = useActions();
  return (
    <label className="inline file-label">
      Open file{' '}
      <input
        type="file"
        data-testid="file-input"
        aria-label="Open a scenario file"
        accept=".txt,.json,.alt,text/plain,application/json"
        onChange={(e) => {
          const file = e.target.files?.[0];
          if (!file) return;
          void readScenarioFile(file).then((r) =>
            r.ok ? actions.loadScenario(r.text, 'file') : actions.showNotice('error', r.message),
          );
          e.target.value = '';
        }}
      />
    </label>
  );
}
