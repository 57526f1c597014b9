import { type ReactNode, useId, useState } from 'react';
import { api } from '../../api.js';
import { ProblemView } from '../../components/ProblemView.js';
import type { CasePanelProps } from '../types.js';
import { ImageTextPanel } from './ImageTextPanel.js';
import { ImageViewer } from './ImageViewer.js';
import type { StoredImage } from './types.js';
import { imageToShow } from './window-level.js';

const UPLOAD_TYPES = ['image/png', 'image/jpeg', 'application/dicom'];

function base64Of(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => {
      const url = String(reader.result);
      resolve(url.slice(url.indexOf(',') + 1));
    };
    reader.onerror = () => reject(reader.error ?? new Error('the file could not be read'));
    reader.readAsDataURL(file);
  });
}

async function uploadImage(caseId: string, file: File): Promise<StoredImage> {
  return api.post<StoredImage>('/v1/images', {
    dataBase64: await base64Of(file),
    contentType: UPLOAD_TYPES.includes(file.type) ? file.type : 'application/octet-stream',
    caseId,
    description: file.name.slice(0, 200),
  });
}

/**
 * Case panel: upload images (a real file input, reachable by keyboard), choose one (the newest is shown), view it with
 * frames, window/level and zoom, analyse it where a model applies, and accept or reject what the model found.
 */
export function ImagePanel({ clinicalCase, refresh }: CasePanelProps): ReactNode {
  const [selected, setSelected] = useState<string | undefined>(undefined);
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const inputId = useId();
  const imageId = imageToShow(clinicalCase.images, selected);

  async function onUpload(input: HTMLInputElement) {
    const file = input.files?.[0];
    if (!file) return;
    setBusy(true);
    setError(undefined);
    try {
      const stored = await uploadImage(clinicalCase.id, file);
      setSelected(stored.id);
      input.value = '';
      refresh();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="vision-panel">
      <div className="vision-toolbar">
        <label htmlFor={inputId} className="vision-upload">
          {busy ? 'Uploading…' : 'Upload an image (DICOM, PNG or JPEG)'}
        </label>
        <input
          id={inputId}
          type="file"
          accept=".dcm,application/dicom,image/png,image/jpeg"
          disabled={busy}
          onChange={(e) => void onUpload(e.currentTarget)}
        />
        {clinicalCase.images.length > 1 ? (
          <label>
            Image{' '}
            <select value={imageId} onChange={(e) => setSelected(e.target.value)}>
              {clinicalCase.images.map((img, i) => (
                <option key={img.id} value={img.id}>
                  {i + 1}. {img.description ?? 'Image'} ({img.modality ?? 'modality not stated'},{' '}
                  {img.widthPx}×{img.heightPx})
                </option>
              ))}
            </select>
          </label>
        ) : null}
      </div>
      {error ? <ProblemView error={error} heading="The image could not be stored" /> : null}
      {imageId ? (
        <>
          <ImageViewer key={imageId} imageId={imageId} clinicalCase={clinicalCase} refresh={refresh} />
          <ImageTextPanel key={`text-${imageId}`} imageId={imageId} />
        </>
      ) : (
        <p className="muted">No images on this case yet.</p>
      )}
    </div>
  );
}
