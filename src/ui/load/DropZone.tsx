import { useEffect, useState } from 'react';
import { useKernelLoader } from './useKernelLoader';

/** Dropping a file anywhere on the page opens it (like the file input); an overlay says so. */
export function DropZone() {
  const loader = useKernelLoader();
  const [over, setOver] = useState(false);
  useEffect(() => {
    const hasFiles = (e: DragEvent) => e.dataTransfer?.types.includes('Files') ?? false;
    const onOver = (e: DragEvent) => {
      if (!hasFiles(e)) return;
      e.preventDefault(); // allow the drop
      setOver(true);
    };
    const onLeave = (e: DragEvent) => {
      if (e.relatedTarget === null) setOver(false);
    };
    const onDrop = (e: DragEvent) => {
      if (!hasFiles(e)) return;
      e.preventDefault(); // never let the browser navigate to the file
      setOver(false);
      const file = e.dataTransfer?.files[0];
      if (file) void loader.openFile(file);
    };
    addEventListener('dragover', onOver);
    addEventListener('dragleave', onLeave);
    addEventListener('drop', onDrop);
    return () => {
      removeEventListener('dragover', onOver);
      removeEventListener('dragleave', onLeave);
      removeEventListener('drop', onDrop);
    };
  }, [loader]);
  if (!over) return null;
  return (
    <div className="drop-overlay" data-testid="drop-zone" aria-hidden="true">
      Drop a vmlinux, .ko, boot log or scenario to open it
    </div>
  );
}
