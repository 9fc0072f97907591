/**
 * Node's flags for the worker process, wherever it is started (`npm run
 * worker`, `npm start`, the compose file, the tests and the benchmark).
 *
 * V8 sizes each isolate (the worker's main thread, and its workflow thread)
 * for a machine's whole memory: young semi-spaces of up to 16 MB, and an old
 * generation left to grow towards a quarter of the RAM before it is
 * collected in earnest, so the resident size drifts far above what is live.
 * The worker's live set is bounded (WORKER_MAX_CACHED_WORKFLOWS, task slots),
 * so each isolate gets 8 MB semi-spaces and a 256 MB old generation: with 500
 * open contributors and 100 onboarding at once, the peak fell from 548 MB to
 * 347 MB at a 192 MB cap for a few percent more CPU in the collector, and the
 * benchmark's 10,000 contributors are measured with 256 MB (README).
 */
export const WORKER_NODE_FLAGS = ['--max-semi-space-size=8', '--max-old-space-size=256'];
