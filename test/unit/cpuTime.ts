/**
 * CPU milliseconds of this process spent in `fn` (user + system). The speed checks of the unit tests use it instead
 * of wall time: on a shared machine the process is preempted, which adds wall time but no CPU time.
 */
export function cpuMs(fn: () => void): number {
  const c0 = process.cpuUsage();
  fn();
  const c = process.cpuUsage(c0);
  return (c.user + c.system) / 1000;
}
