/**
 * Work that must grow linearly with the input, checked by how much more it costs on four times the input: about
 * 4x when linear, about 16x when quadratic. Costs are CPU time (the least of a few runs, as the machine is shared),
 * never a wall-clock limit.
 */
export const LINEAR_AT_MOST = 8;

const cpuSeconds = (run: () => void) => {
  const start = process.cpuUsage();
  run();
  const { user, system } = process.cpuUsage(start);
  return (user + system) / 1e6;
};

/** CPU time of `run` on inputs of size `4n` over that of size `n`, each input prepared by `setup` outside the timing. */
export function growth<T>(n: number, setup: (n: number) => T, run: (input: T) => void): number {
  const cost = (size: number) => {
    const input = setup(size);
    return cpuSeconds(() => run(input));
  };
  // alternating, so that the first (cold) run is not the only one of its size
  const [small, large] = [n, 4 * n, n, 4 * n].reduce(([a, b], size, i) => (i % 2 === 0 ? [Math.min(a, cost(size)), b] : [a, Math.min(b, cost(size))]), [Infinity, Infinity]);
  return large / small;
}
