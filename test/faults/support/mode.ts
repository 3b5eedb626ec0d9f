/** CI mode (default) runs each scenario for seconds; FAULTS_SOAK=1 multiplies durations and counts for a local soak. */
export interface FaultsMode {
  soak: boolean;
  name: "ci" | "soak";
  /** `ci` in CI mode, `soak` in soak mode. */
  pick<T>(ci: T, soak: T): T;
}

export function faultsMode(): FaultsMode {
  const soak = process.env.FAULTS_SOAK === "1" || process.env.FAULTS_SOAK === "true";
  return { soak, name: soak ? "soak" : "ci", pick: (ci, soakValue) => (soak ? soakValue : ci) };
}
