/**
 * The body site of a condition that the knowledge base names without one ("Sprain or strain", "Osteoarthritis",
 * "Fracture of the arm"), read from the one site the findings point to, with the site's ICD-10-CM code: a clinician
 * writes "ankle sprain" (S93.4), not "sprain of an unspecified body region" (T14.8). Two or more sites, or none,
 * leave the condition as the knowledge base names it. The same holds for the context ICD-10 codes a condition
 * by (chapter XV: a urinary infection in pregnancy is O23, mastitis while breastfeeding O91.2).
 *
 * Codes: ICD-10-CM 2024 (initial encounter where the code needs one).
 */
export interface SiteName {
  readonly label: string;
  readonly icd10: string;
}

interface Site extends SiteName {
  /** Open-world finding ids that place the condition at this site. */
  readonly findings: RegExp;
}

const ANKLE = /^sx\.ankle-(?:pain|swelling|stiffness-or-tightness|weakness)$/;
const KNEE = /^sx\.knee-(?:pain|swelling|stiffness-or-tightness|weakness)$/;
const WRIST = /^sx\.wrist-(?:pain|swelling|stiffness-or-tightness|weakness)$/;
const HIP = /^sx\.hip-(?:pain|swelling|stiffness-or-tightness|weakness)$/;
const HAND = /^sx\.hand-or-finger-(?:pain|swelling|stiffness-or-tightness)$/;
/** Findings that say the patient is pregnant now. */
const PREGNANT = /^(?:sx\.problems-during-pregnancy|sx\.pain-during-pregnancy|lab\.positive-pregnancy-test)$/;

const SITES: Readonly<Record<string, readonly Site[]>> = {
  'sprain-or-strain': [
    { findings: ANKLE, label: 'Ankle sprain', icd10: 'S93.401A' },
    { findings: KNEE, label: 'Knee sprain', icd10: 'S83.90XA' },
    { findings: WRIST, label: 'Wrist sprain', icd10: 'S63.509A' },
    { findings: /^sx\.low-back-pain$/, label: 'Low back strain', icd10: 'S39.012A' },
    { findings: /^sx\.neck-pain$/, label: 'Neck sprain (whiplash)', icd10: 'S13.4XXA' },
  ],
  osteoarthritis: [
    { findings: KNEE, label: 'Osteoarthritis of the knee', icd10: 'M17.9' },
    { findings: HIP, label: 'Osteoarthritis of the hip', icd10: 'M16.9' },
    { findings: HAND, label: 'Osteoarthritis of the hand', icd10: 'M19.049' },
  ],
  cellulitis: [
    {
      findings: /^sx\.(?:eyelid-swelling|swollen-eye)$/,
      label: 'Periorbital (preseptal) cellulitis',
      icd10: 'L03.213',
    },
  ],
  'urinary-tract-infection': [
    { findings: PREGNANT, label: 'Urinary tract infection in pregnancy', icd10: 'O23.40' },
  ],
  cystitis: [{ findings: PREGNANT, label: 'Cystitis in pregnancy', icd10: 'O23.10' }],
  pyelonephritis: [{ findings: PREGNANT, label: 'Pyelonephritis in pregnancy', icd10: 'O23.00' }],
  'breast-infection-mastitis': [
    { findings: /^sign\.postpartum-breastfeeding$/, label: 'Lactational mastitis', icd10: 'O91.23' },
  ],
  'fracture-of-the-arm': [
    { findings: WRIST, label: 'Fracture of the wrist (distal radius)', icd10: 'S52.509A' },
  ],
};

/** The site-specific name of `conditionId` for the findings present, or `undefined` when there is none or several. */
export function nameBySite(conditionId: string, present: ReadonlySet<string>): SiteName | undefined {
  const sites = SITES[conditionId];
  if (!sites) return undefined;
  const found = sites.filter((site) => [...present].some((id) => site.findings.test(id)));
  if (found.length !== 1) return undefined;
  const [site] = found;
  return { label: site!.label, icd10: site!.icd10 };
}
