import { useKernelLoader } from './load/useKernelLoader';

/**
 * Opens a file from disk: a vmlinux, a module, a boot log or a scenario. The kind is found from
 * the content in a Web Worker (`src/worker`), which also reads and parses it off the main thread.
 */
export function FileInput() {
  const loader = useKernelLoader();
  return (
    <label className="inline file-label">
      Open file{' '}
      <input
        type="file"
        data-testid="file-input"
        aria-label="Open a vmlinux, module, boot log or scenario file"
        onChange={(e) => {
          const file = e.target.files?.[0];
          if (!file) return;
          void loader.openFile(file);
          e.target.value = '';
        }}
      />
    </label>
  );
}
