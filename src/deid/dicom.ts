import { createHmac } from 'node:crypto';
import dicomParser from 'dicom-parser';
import { HealthGptError } from '../engine/errors.js';

/**
 * DICOM header de-identification after the Basic Application Level Confidentiality Profile (DICOM PS3.15 Annex E,
 * table E.1-1), for a subset of its attributes: D (replace with a dummy value), Z (zero length), X (remove), U
 * (replace the UID by a consistent keyed one), and every private attribute removed. The pixel data are copied
 * unchanged: text burned into the pixels is not removed but flagged (Burned In Annotation (0028,0301), or a modality
 * or SOP class that often carries it). Explicit and implicit VR Little Endian only; other encodings are refused.
 */
export type DicomAction = 'D' | 'Z' | 'X' | 'U';

/** tag (`ggggeeee`, upper-case hex) → [keyword, action]. */
export const DICOM_ACTIONS: Readonly<Record<string, readonly [string, DicomAction]>> = {
  '00080014': ['InstanceCreatorUID', 'U'],
  '00080018': ['SOPInstanceUID', 'U'],
  '00080020': ['StudyDate', 'Z'],
  '00080021': ['SeriesDate', 'X'],
  '00080022': ['AcquisitionDate', 'X'],
  '00080023': ['ContentDate', 'Z'],
  '0008002A': ['AcquisitionDateTime', 'X'],
  '00080030': ['StudyTime', 'Z'],
  '00080031': ['SeriesTime', 'X'],
  '00080032': ['AcquisitionTime', 'X'],
  '00080033': ['ContentTime', 'Z'],
  '00080050': ['AccessionNumber', 'Z'],
  '00080080': ['InstitutionName', 'X'],
  '00080081': ['InstitutionAddress', 'X'],
  '00080090': ['ReferringPhysicianName', 'Z'],
  '00080092': ['ReferringPhysicianAddress', 'X'],
  '00080094': ['ReferringPhysicianTelephoneNumbers', 'X'],
  '00081010': ['StationName', 'X'],
  '00081030': ['StudyDescription', 'X'],
  '0008103E': ['SeriesDescription', 'X'],
  '00081040': ['InstitutionalDepartmentName', 'X'],
  '00081048': ['PhysiciansOfRecord', 'X'],
  '00081050': ['PerformingPhysicianName', 'X'],
  '00081060': ['NameOfPhysiciansReadingStudy', 'X'],
  '00081070': ['OperatorsName', 'X'],
  '00081080': ['AdmittingDiagnosesDescription', 'X'],
  '00082111': ['DerivationDescription', 'X'],
  '00084000': ['IdentifyingComments', 'X'],
  '00100010': ['PatientName', 'Z'],
  '00100020': ['PatientID', 'Z'],
  '00100021': ['IssuerOfPatientID', 'X'],
  '00100030': ['PatientBirthDate', 'Z'],
  '00100032': ['PatientBirthTime', 'X'],
  '00100040': ['PatientSex', 'Z'],
  '00101000': ['OtherPatientIDs', 'X'],
  '00101001': ['OtherPatientNames', 'X'],
  '00101002': ['OtherPatientIDsSequence', 'X'],
  '00101005': ['PatientBirthName', 'X'],
  '00101010': ['PatientAge', 'X'],
  '00101020': ['PatientSize', 'X'],
  '00101030': ['PatientWeight', 'X'],
  '00101040': ['PatientAddress', 'X'],
  '00101060': ['PatientMotherBirthName', 'X'],
  '00101090': ['MedicalRecordLocator', 'X'],
  '00102154': ['PatientTelephoneNumbers', 'X'],
  '00102160': ['EthnicGroup', 'X'],
  '00102180': ['Occupation', 'X'],
  '001021B0': ['AdditionalPatientHistory', 'X'],
  '00104000': ['PatientComments', 'X'],
  '00181000': ['DeviceSerialNumber', 'X'],
  '00181002': ['DeviceUID', 'U'],
  '00181030': ['ProtocolName', 'D'],
  '00200010': ['StudyID', 'Z'],
  '0020000D': ['StudyInstanceUID', 'U'],
  '0020000E': ['SeriesInstanceUID', 'U'],
  '00200052': ['FrameOfReferenceUID', 'U'],
  '00204000': ['ImageComments', 'X'],
  '00321032': ['RequestingPhysician', 'X'],
  '00321060': ['RequestedProcedureDescription', 'X'],
  '00380010': ['AdmissionID', 'X'],
  '00380300': ['CurrentPatientLocation', 'X'],
  '00400244': ['PerformedProcedureStepStartDate', 'X'],
  '00400253': ['PerformedProcedureStepID', 'X'],
  '00400254': ['PerformedProcedureStepDescription', 'X'],
  '0040A124': ['UID', 'U'],
  '00700084': ['ContentCreatorName', 'Z'],
};

export interface DicomChange {
  readonly tag: string;
  readonly keyword: string;
  readonly action: DicomAction | 'private-removed';
}

export interface BurnedInText {
  /** `yes`: the file says so; `possible`: a modality or SOP class that often carries burned-in text; `not-indicated`. */
  readonly status: 'yes' | 'possible' | 'not-indicated';
  readonly reasons: readonly string[];
}

export interface DicomDeidResult {
  readonly bytes: Uint8Array;
  readonly changes: readonly DicomChange[];
  readonly burnedInText: BurnedInText;
}

const LONG_VRS = new Set(['OB', 'OD', 'OF', 'OL', 'OV', 'OW', 'SQ', 'UC', 'UN', 'UR', 'UT', 'SV', 'UV']);
const EXPLICIT_LE = '1.2.840.10008.1.2.1';
const IMPLICIT_LE = '1.2.840.10008.1.2';
/** Modalities and SOP classes where text is often burned into the pixels (PS3.15 E.1.1, common practice). */
const BURNED_IN_MODALITIES = new Set([
  'US',
  'OT',
  'SC',
  'XC',
  'ES',
  'GM',
  'SM',
  'DOC',
  'IVUS',
  'OP',
  'DX',
  'CR',
  'XA',
  'RF',
]);

function tagOf(key: string): string {
  return key.slice(1).toUpperCase();
}

function newUid(secret: string, uid: string, length: number): string {
  const digest = createHmac('sha256', secret).update(`dicom-uid\u0000${uid}`).digest();
  let digits = '';
  for (const byte of digest) digits += String(byte).padStart(3, '0');
  digits = `${(digest[0]! % 9) + 1}${digits}`.replace(/\D/g, '');
  const body = `2.25.${digits}`;
  // Same length as the original (values are padded to even length with NUL), at most 64 characters.
  return body.slice(0, Math.max(8, Math.min(64, length)));
}

export interface DicomDeidOptions {
  /** Secret for the replacement UIDs (same secret: same UIDs, so a study stays one study). */
  readonly secret?: string;
}

let fallbackSecret: string | undefined;

/** Whether burned-in text is indicated, from the header alone. */
export function burnedInTextOf(ds: dicomParser.DataSet): BurnedInText {
  const burned = ds.string('x00280301')?.trim().toUpperCase();
  const modality = ds.string('x00080060')?.trim().toUpperCase();
  const sopClass = ds.string('x00080016')?.trim();
  const imageType = ds.string('x00080008')?.toUpperCase() ?? '';
  if (burned === 'YES') return { status: 'yes', reasons: ['Burned In Annotation (0028,0301) is YES'] };
  const reasons: string[] = [];
  if (modality && BURNED_IN_MODALITIES.has(modality))
    reasons.push(`modality ${modality} often carries burned-in text`);
  if (sopClass?.startsWith('1.2.840.10008.5.1.4.1.1.7')) reasons.push('Secondary Capture SOP class');
  if (imageType.includes('SECONDARY')) reasons.push('Image Type says SECONDARY (a captured screen)');
  if (burned === 'NO' && reasons.length === 0)
    return { status: 'not-indicated', reasons: ['Burned In Annotation is NO'] };
  return reasons.length > 0 ? { status: 'possible', reasons } : { status: 'not-indicated', reasons: [] };
}

/** De-identifies a DICOM Part 10 file's header; the pixel data are unchanged (see `burnedInText`). */
export function deidentifyDicom(input: Uint8Array, options: DicomDeidOptions = {}): DicomDeidResult {
  fallbackSecret ??= Math.random().toString(36).slice(2) + Date.now();
  const secret = options.secret ?? process.env.HEALTHGPT_DEID_SECRET ?? fallbackSecret;
  let ds: dicomParser.DataSet;
  try {
    ds = dicomParser.parseDicom(input);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new HealthGptError(
      'unprocessable',
      `not a readable DICOM file: ${message.replace(/^dicomParser[.:]\w+: /, '')}`,
    );
  }
  const syntax = ds.string('x00020010')?.replace(/\0/g, '').trim();
  if (syntax !== EXPLICIT_LE && syntax !== IMPLICIT_LE)
    throw new HealthGptError(
      'unsupported-media-type',
      `DICOM transfer syntax ${syntax ?? '(none)'} is not supported for de-identification (explicit or implicit VR Little Endian only)`,
    );
  const explicit = syntax === EXPLICIT_LE;
  const bytes = Uint8Array.from(input);
  const changes: DicomChange[] = [];
  const remove: [number, number][] = [];
  const elements = Object.values(ds.elements).sort((a, b) => a.dataOffset - b.dataOffset);
  for (const el of elements) {
    const tag = tagOf(el.tag);
    const group = Number.parseInt(tag.slice(0, 4), 16);
    const headerLength = group === 2 || explicit ? (LONG_VRS.has(el.vr ?? '') ? 12 : 8) : 8;
    const start = el.dataOffset - headerLength;
    let end = el.dataOffset + el.length;
    if ((el as { hadUndefinedLength?: boolean }).hadUndefinedLength) {
      // Include the sequence or item delimitation item after the value.
      const view = new DataView(bytes.buffer, bytes.byteOffset);
      if (
        end + 8 <= bytes.length &&
        view.getUint16(end, true) === 0xfffe &&
        view.getUint16(end + 2, true) === 0xe0dd
      )
        end += 8;
    }
    if (group % 2 === 1) {
      remove.push([start, end]);
      changes.push({ tag, keyword: '(private)', action: 'private-removed' });
      continue;
    }
    const rule =
      DICOM_ACTIONS[tag] ?? (tag === '00020003' ? (['MediaStorageSOPInstanceUID', 'U'] as const) : undefined);
    if (!rule) continue;
    const [keyword, action] = rule;
    if (action === 'X') {
      remove.push([start, end]);
    } else if (action === 'Z' || action === 'D') {
      const dummy = action === 'D' ? 'ANONYMIZED' : '';
      for (let i = 0; i < el.length; i++)
        bytes[el.dataOffset + i] = i < dummy.length ? dummy.charCodeAt(i) : 0x20;
    } else {
      const uid = ds.string(el.tag)?.replace(/\0/g, '').trim() ?? '';
      const replacement = newUid(secret, uid, el.length);
      for (let i = 0; i < el.length; i++)
        bytes[el.dataOffset + i] = i < replacement.length ? replacement.charCodeAt(i) : 0;
    }
    changes.push({ tag, keyword, action });
  }
  // Patient Identity Removed (0012,0062) = YES and De-identification Method (0012,0063), inserted in tag order.
  const marker = (group: number, element: number, vr: string, value: string) => {
    const v = value.length % 2 ? `${value} ` : value;
    const head = Buffer.alloc(8);
    head.writeUInt16LE(group, 0);
    head.writeUInt16LE(element, 2);
    if (explicit) {
      head.write(vr, 4, 'ascii');
      head.writeUInt16LE(v.length, 6);
    } else head.writeUInt32LE(v.length, 4);
    return Buffer.concat([head, Buffer.from(v, 'ascii')]);
  };
  const existing = elements.filter((el) => ['00120062', '00120063'].includes(tagOf(el.tag)));
  for (const el of existing) {
    remove.push([el.dataOffset - 8, el.dataOffset + el.length]);
  }
  const insertAt =
    elements.find((el) => tagOf(el.tag) > '00120063' && Number.parseInt(tagOf(el.tag).slice(0, 4), 16) !== 2)
      ?.dataOffset ?? bytes.length;
  const insertBefore = elements.find((el) => el.dataOffset === insertAt);
  const insertOffset = insertBefore
    ? insertAt - (explicit ? (LONG_VRS.has(insertBefore.vr ?? '') ? 12 : 8) : 8)
    : bytes.length;
  const inserted = Buffer.concat([
    marker(0x0012, 0x0062, 'CS', 'YES'),
    marker(0x0012, 0x0063, 'LO', 'DICOM PS3.15 E.1 basic profile (subset), HealthGPT'),
  ]);
  remove.sort((a, b) => a[0] - b[0]);
  const parts: Uint8Array[] = [];
  let at = 0;
  let insertedDone = false;
  for (const [s, e] of remove) {
    if (!insertedDone && insertOffset <= s && insertOffset >= at) {
      parts.push(bytes.subarray(at, insertOffset), inserted);
      at = insertOffset;
      insertedDone = true;
    }
    if (s < at) continue;
    parts.push(bytes.subarray(at, s));
    at = e;
  }
  if (!insertedDone && insertOffset >= at) {
    parts.push(bytes.subarray(at, insertOffset), inserted);
    at = insertOffset;
  }
  parts.push(bytes.subarray(at));
  const out = Buffer.concat(parts);
  // File Meta Information Group Length (0002,0000) is unchanged: group 2 keeps its size (UIDs keep their length).
  return { bytes: new Uint8Array(out), changes, burnedInText: burnedInTextOf(ds) };
}
