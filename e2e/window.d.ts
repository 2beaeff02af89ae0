// What the specs read from the page's window. The app declares `__firehoseStats` in src/main.tsx, which
// the e2e TypeScript project does not include.
export {};

declare global {
  interface Window {
    readonly __firehoseStats: {
      readonly received: number;
      readonly subscribed: number;
      readonly buffered: number;
      readonly evicted: number;
      readonly gaps: number;
    };
    /** Set only if a hostile payload managed to run script. */
    __pwned?: unknown;
  }
}
