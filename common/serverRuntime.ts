/**
 * How the extension runs its language server (client/src/serverHost.ts), shared with the benchmarks that measure
 * it the same way (bench/server-memory.mjs, bench/lsp.mjs).
 */

/**
 * A server process: a small young generation, and `gc` for one full collection after the initial scan (see
 * WorkspaceSync), keep its memory low with 10,000 recipes indexed: the scan makes much short-lived garbage.
 */
export const SERVER_PROCESS_FLAGS: readonly string[] = ['--max-semi-space-size=2', '--expose-gc'];

/**
 * A server worker thread: the same small young generation (6 MB: two 2 MB semi-spaces and the new large-object
 * space), and an old generation bounded so that running out of memory ends the worker, not the extension host.
 */
export const SERVER_WORKER_LIMITS = { maxYoungGenerationSizeMb: 6, maxOldGenerationSizeMb: 2048 } as const;
