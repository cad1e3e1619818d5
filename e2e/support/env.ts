/** What a worker's cases talk to: its own emulator (fresh demo data) and the H5 app served for it. */
export interface Env {
  /** The emulator's dev gateway, as the app calls it. */
  gatewayUrl: string;
  /** The static server of the H5 build, rewritten for this gateway. */
  appUrl: string;
}
