/**
 * Node's flags for the worker process, wherever it is started (`npm run
 * worker`, `npm start`, the compose file, the tests and the benchmark).
 *
 * V8 sizes each isolate (the worker's main thread, and its workflow thread)
 * for a machine's whole memory: young semi-spaces of up to 16 MB, and an old
 * generation left to grow towards a quarter of the RAM before it is
 * collected in earnest, so the resident size drifts far above what is live.
 * The worker's live set is bounded (WORKER_MAX_CACHED_WORKFLOWS, task slots),
 * so each isolate gets 8 MB semi-spaces and a 256 MB old generation: a much
 * lower peak for a little more collector CPU (bench/README.md has the figures).
 */
export const WORKER_NODE_FLAGS = ['--max-semi-space-size=8', '--max-old-space-size=256'];
