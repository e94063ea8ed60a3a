/**
 * The browser tests' servers: one per Playwright worker, on consecutive ports
 * from E2E_PORT (3210), each with a database of its own, so the tests of one
 * worker change what that worker's later tests read and never another's.
 */
export const firstPort = Number(process.env.E2E_PORT ?? 3210);

/** Two by default: the browser tests mostly wait, so a second worker halves the stage. */
export const serverCount = Math.max(1, Number(process.env.E2E_WORKERS ?? 2));

export const serverPort = (workerIndex: number) => firstPort + workerIndex;
export const serverURL = (workerIndex: number) => `http://127.0.0.1:${serverPort(workerIndex)}`;
