/** The `flows` project's server port; `E2E_PORT` moves it (and the `apart` one with it). */
export const PORT = Number(process.env.E2E_PORT ?? 4173);
/** The `apart` project's server, 100 ports up. */
export const APART_PORT = Number(process.env.E2E_APART_PORT ?? PORT + 100);
