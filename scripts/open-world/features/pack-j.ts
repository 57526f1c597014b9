import type { FeaturePack } from './pack.js';

/**
 * Findings the triage rules of stop 32 need and the knowledge lacked: a head injury now and an anticoagulant taken
 * (NICE NG232: CT within 8 hours for anyone on an anticoagulant after a head injury), and the ways a pregnant woman
 * tells of reduced fetal movements, and a wound "bleeding a lot". Own wording; P(finding | condition) are editorial estimates.
 */
export const PACK_J: FeaturePack = {
  name: 'head injury on an anticoagulant, reduced fetal movements (stop 32)',
  findings: [
    {
      id: 'sign.head-injury',
      label: 'Head injury now (a fall or blow to the head)',
      kind: 'history',
      phrases: [
        'hit my head',
        'hit his head',
        'hit her head',
        'hit their head',
        'banged my head',
        'banged his head',
        'banged her head',
        'bumped my head',
        'bumped his head',
        'bumped her head',
        'knocked my head',
        'knocked his head',
        'knocked her head',
        'fell on my head',
        'fell on his head',
        'fell on her head',
        'blow to the head',
        'bang on the head',
        'bang to the head',
        'knock on the head',
        'head injury',
      ],
    },
    {
      id: 'sign.anticoagulant',
      label: 'Takes an anticoagulant (blood thinner)',
      kind: 'history',
      phrases: [
        'warfarin',
        'apixaban',
        'rivaroxaban',
        'edoxaban',
        'dabigatran',
        'eliquis',
        'xarelto',
        'anticoagulant',
        'anticoagulants',
        'anticoagulated',
        'anticoagulation',
        'blood thinner',
        'blood thinners',
        'blood thinning tablets',
        'doac',
      ],
    },
  ],
  findingPhrases: {
    'sign.heavy-bleeding': ['bleeding a lot', 'its bleeding a lot', 'bleeding loads', 'bleeding badly'],
    'sign.reduced-fetal-movements': [
      'baby not moving much',
      'baby is not moving much',
      "baby isn't moving much",
      'baby has been much quieter',
      'baby has been quieter',
      'baby is quieter',
      'baby quieter than usual',
      'baby much quieter',
      'felt the baby move a couple of times',
      'only felt the baby move',
      'not felt the baby move',
      "haven't felt the baby move",
      'baby not kicking',
      'baby is not kicking',
      "baby isn't kicking",
      'baby has stopped moving',
      'baby stopped moving',
      'baby stopped kicking',
    ],
  },
  classicFeatures: {
    // A head injury: concussion and the bleeds inside the skull (NICE NG232, 2023). Editorial estimates.
    'head-injury': { 'sign.head-injury': 0.95 },
    concussion: { 'sign.head-injury': 0.9 },
    'subdural-hemorrhage': { 'sign.head-injury': 0.5, 'sign.anticoagulant': 0.2 },
    'intracranial-hemorrhage': { 'sign.head-injury': 0.2, 'sign.anticoagulant': 0.15 },
  },
};
