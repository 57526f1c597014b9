/** A medical image attached to a case; the bytes live in the store's blob area under `blobId`. */
export interface ImageReference {
  readonly id: string;
  /** DICOM modality code or a plain description (CR, DX, CT, US, MR …). */
  readonly modality?: string;
  readonly contentType: string;
  readonly blobId: string;
  readonly widthPx?: number;
  readonly heightPx?: number;
  /** Physical size of a pixel, [row, column] in mm, when the file carries it. */
  readonly pixelSpacingMm?: readonly [number, number];
  readonly description?: string;
}
