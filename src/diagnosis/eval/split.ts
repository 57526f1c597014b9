/** The project's DDXPlus split: 80/20 stratified by pathology, seeded (see `stratifiedSplit`). */
export const DDX_SPLIT = { validationFraction: 0.2, seed: 6 } as const;
