/**
 * True for the knowledge base's family-history concepts (`family.asthma`, `family.lung-cancer`): a relative's
 * condition, recorded as the patient's own antecedent (DDXPlus asks the patient about them). The knowledge base
 * names them all `family.*` (docs/knowledge-base.md). The intake reads them with experiencer `other` and passes
 * them to the diagnosis engine as the patient's.
 */
export function isFamilyHistoryConcept(conceptId: string): boolean {
  return conceptId.startsWith('family.');
}
