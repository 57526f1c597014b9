import { randomUUID } from 'node:crypto';
import type { CdsCard } from '../../engine/cds-card.js';
import { toAssessment } from '../../engine/to-assessment.js';
import { caseFromPrefetch, PATIENT_PREFETCH } from './prefetch.js';
import type { CdsService } from './service.js';

/**
 * The `patient-view` service: runs every registered engine that can take its inputs from the patient's record
 * and that makes cards, and returns those cards. An engine that fails is skipped (and logged by the caller), so one
 * engine never blanks the others.
 */
export const patientViewService: CdsService = {
  id: 'healthgpt-patient-view',
  hook: 'patient-view',
  title: 'HealthGPT decision support',
  description:
    'Cards from every HealthGPT engine that applies to the patient’s record (decision support for clinicians, not a diagnosis).',
  prefetch: PATIENT_PREFETCH,
  async handle(request, { engines }) {
    const clinicalCase = caseFromPrefetch(request);
    const cards: CdsCard[] = [];
    for (const engine of engines.list()) {
      if (!engine.fromCase || !engine.toCard) continue;
      const input = engine.fromCase(clinicalCase);
      if (input === undefined) continue;
      const parsed = engine.inputSchema.safeParse(input);
      if (!parsed.success) continue;
      const result = await engine.run(parsed.data);
      const assessment = {
        ...toAssessment(clinicalCase.id, engine.id, result),
        id: randomUUID(),
        createdAt: new Date().toISOString(),
      };
      const card = engine.toCard(assessment);
      if (card) cards.push({ uuid: randomUUID(), ...card });
    }
    return cards;
  },
};
