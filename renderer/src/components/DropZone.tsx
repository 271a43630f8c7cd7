import { useEffect } from 'react';
import { pickedFromDrop } from '../files/collectFiles';
import { useAppState, useAppStore } from '../state/useAppState';
import { UploadIcon } from './Icons';

function carriesFiles(event: DragEvent): boolean {
  return event.dataTransfer?.types.includes('Files') ?? false;
}

/** Accepts files and folders dropped anywhere on the window, and shows where they will go. */
export function DropZone() {
  const store = useAppStore();
  const { dragging } = useAppState();

  useEffect(() => {
    // dragenter/dragleave fire for every child element crossed; count them to know when we left the window.
    let depth = 0;
    const onEnter = (event: DragEvent) => {
      if (!carriesFiles(event)) return;
      event.preventDefault();
      depth += 1;
      store.setDragging(true);
    };
    const onOver = (event: DragEvent) => {
      if (!carriesFiles(event)) return;
      // Without this the browser (or Electron) would navigate to the dropped file.
      event.preventDefault();
      if (event.dataTransfer) event.dataTransfer.dropEffect = 'copy';
    };
    const onLeave = (event: DragEvent) => {
      if (!carriesFiles(event)) return;
      depth = Math.max(0, depth - 1);
      if (depth === 0) store.setDragging(false);
    };
    const onDrop = (event: DragEvent) => {
      if (!event.dataTransfer || !carriesFiles(event)) return;
      event.preventDefault();
      depth = 0;
      store.setDragging(false);
      // Read the items now: the DataTransfer is emptied when this handler returns.
      const picked = pickedFromDrop(event.dataTransfer);
      void picked.then(
        (p) => store.importPicked(p),
        (error: unknown) => store.failImport(`The dropped items could not be read: ${String(error)}`),
      );
    };
    window.addEventListener('dragenter', onEnter);
    window.addEventListener('dragover', onOver);
    window.addEventListener('dragleave', onLeave);
    window.addEventListener('drop', onDrop);
    return () => {
      window.removeEventListener('dragenter', onEnter);
      window.removeEventListener('dragover', onOver);
      window.removeEventListener('dragleave', onLeave);
      window.removeEventListener('drop', onDrop);
    };
  }, [store]);

  if (!dragging) return null;
  return (
    <div className="drop-overlay" aria-hidden="true">
      <div className="drop-target">
        <UploadIcon className="drop-icon" />
        <p className="drop-title">Drop to import</p>
        <p className="drop-detail">AWS export JSON files, zip archives or whole folders</p>
      </div>
    </div>
  );
}
