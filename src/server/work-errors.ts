import { HealthGptError } from '../engine/errors.js';
import { FhirImportError } from '../fhir/import-bundle.js';
import { UnsupportedTransferSyntaxError } from '../vision/dicom/codecs.js';
import { DicomError } from '../vision/dicom/read-dicom.js';
import { ImageInputError } from '../vision/image-input.js';
import { ImageNotFoundError } from '../vision/image-service.js';
import { ImageTooLargeError } from '../vision/io/decode-limits.js';

/**
 * Errors cross the worker boundary as plain data and come back as the same classes, so route handlers and the error
 * handler treat an error thrown in a worker exactly like one thrown in the main thread.
 */
export interface SerializedError {
  readonly name: string;
  readonly message: string;
  readonly stack?: string;
  readonly props: Record<string, unknown>;
  /** The nearest known class in the prototype chain (a `ForecastInputError` comes back as a `HealthGptError`). */
  readonly known?: string;
}

const KNOWN: Record<string, new (...args: never[]) => Error> = {
  HealthGptError,
  FhirImportError,
  ImageInputError,
  ImageNotFoundError,
  ImageTooLargeError,
  DicomError,
  UnsupportedTransferSyntaxError,
};

export function serializeError(error: unknown): SerializedError {
  if (!(error instanceof Error)) return { name: 'Error', message: String(error), props: {} };
  const props: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(error)) {
    try {
      structuredClone(value);
      props[key] = value;
    } catch {
      // not cloneable (a cause holding a socket, …): left out
    }
  }
  let known: string | undefined;
  for (
    let proto = Object.getPrototypeOf(error);
    proto && proto !== Error.prototype;
    proto = Object.getPrototypeOf(proto)
  ) {
    const name = (proto.constructor as { name?: string }).name;
    if (name && KNOWN[name]) {
      known = name;
      break;
    }
  }
  return {
    name: error.name,
    message: error.message,
    ...(error.stack ? { stack: error.stack } : {}),
    props,
    ...(known ? { known } : {}),
  };
}

export function deserializeError(data: SerializedError): Error {
  const Known = data.known ? KNOWN[data.known] : undefined;
  const error = Object.create((Known ?? Error).prototype) as Error;
  Object.defineProperty(error, 'message', { value: data.message, writable: true, configurable: true });
  Object.defineProperty(error, 'name', { value: data.name, writable: true, configurable: true });
  if (data.stack)
    Object.defineProperty(error, 'stack', { value: data.stack, writable: true, configurable: true });
  Object.assign(error, data.props);
  return error;
}
