import { chatWeb } from './chat/index.js';
import { deidWeb } from './deid/index.js';
import { deviceWeb } from './device/index.js';
import { diagnosisWeb } from './diagnosis/index.js';
import { fairnessWeb } from './fairness/index.js';
import { federatedWeb } from './federated/index.js';
import { forecastWeb } from './forecast/index.js';
import { guidelinesWeb } from './guidelines/index.js';
import { intakeWeb } from './intake/index.js';
import { literatureWeb } from './literature/index.js';
import { riskWeb } from './risk/index.js';
import { triageWeb } from './triage/index.js';
import type { WebCapability } from './types.js';
import { visionWeb } from './vision/index.js';

/** Every capability's pages and case panels, in display order. */
export const webCapabilities: readonly WebCapability[] = [
  intakeWeb,
  diagnosisWeb,
  triageWeb,
  riskWeb,
  visionWeb,
  deviceWeb,
  forecastWeb,
  deidWeb,
  guidelinesWeb,
  chatWeb,
  literatureWeb,
  federatedWeb,
  fairnessWeb,
];
