/** Corpus documents on which the port knowingly differs from the oracle (each listed in docs/conformance.md). */
export const KNOWN_HRD_DIFFERENCES: ReadonlySet<string> = new Set<string>([]);
export const KNOWN_ACTIONS_DIFFERENCES: ReadonlySet<string> = new Set<string>([]);
