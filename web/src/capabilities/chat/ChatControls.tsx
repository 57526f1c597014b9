import { type ReactNode, useRef } from 'react';
import type { ClinicalCase } from '../../../../src/clinical/index.js';
import type { Page } from '../../../../src/store/store.js';
import { api } from '../../api.js';
import { useApi } from '../../use-api.js';

/** Largest image attached to a question (bytes); the model server gets it as a data URL. */
export const MAX_IMAGE_BYTES = 8 * 1024 * 1024;

export interface AttachedImage {
  readonly name: string;
  readonly url: string;
}

function readDataUrl(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result));
    reader.onerror = () => reject(reader.error ?? new Error('the image could not be read'));
    reader.readAsDataURL(file);
  });
}

/** Chooses a stored case to send as context (`healthgpt.case_id`); keeps an id from the URL that is not listed. */
export function CasePicker({
  caseId,
  onChange,
}: {
  caseId: string;
  onChange: (id: string) => void;
}): ReactNode {
  const { result: cases } = useApi('chat-cases', () => api.get<Page<ClinicalCase>>('/v1/cases?limit=100'));
  const listed = cases.state === 'loaded' ? cases.data.items : [];
  return (
    <>
      <label htmlFor="chat-case">Case as context</label>
      <select id="chat-case" value={caseId} onChange={(e) => onChange(e.target.value)}>
        <option value="">none</option>
        {caseId && !listed.some((c) => c.id === caseId) ? (
          <option value={caseId}>case {caseId}</option>
        ) : null}
        {listed.map((c) => (
          <option key={c.id} value={c.id}>
            {c.title}
          </option>
        ))}
      </select>
    </>
  );
}

/** A PNG, JPEG or WebP image (at most {@link MAX_IMAGE_BYTES}) to send with the next question. */
export function ImageAttach(props: {
  image: AttachedImage | undefined;
  onImage: (image: AttachedImage | undefined) => void;
  onError: (message: string | undefined) => void;
  /** No model reads images: say so beside the attached one. */
  noModel: boolean;
}): ReactNode {
  const input = useRef<HTMLInputElement>(null);
  const attach = async (file: File | undefined) => {
    props.onError(undefined);
    if (!file) return;
    if (!/^image\/(png|jpeg|webp)$/.test(file.type)) props.onError('Attach a PNG, JPEG or WebP image.');
    else if (file.size > MAX_IMAGE_BYTES)
      props.onError(`The image is over ${MAX_IMAGE_BYTES / 1024 / 1024} MB.`);
    else props.onImage({ name: file.name, url: await readDataUrl(file) });
    if (input.current) input.current.value = '';
  };
  return (
    <>
      <label htmlFor="chat-image">Attach image</label>
      <input
        id="chat-image"
        ref={input}
        type="file"
        accept="image/png,image/jpeg,image/webp"
        onChange={(e) => void attach(e.target.files?.[0])}
      />
      {props.image ? (
        <span>
          {props.image.name}
          {props.noModel ? (
            <span className="muted small"> (no language model: the image will not be read)</span>
          ) : null}{' '}
          <button type="button" className="button" onClick={() => props.onImage(undefined)}>
            Remove image
          </button>
        </span>
      ) : null}
    </>
  );
}
