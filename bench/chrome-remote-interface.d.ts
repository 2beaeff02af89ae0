// The slice of chrome-remote-interface 0.34 the benchmark uses (the package ships no types). Everything goes
// through `send`, so no protocol domain is enabled behind our back.
declare module 'chrome-remote-interface' {
  interface Target {
    id: string;
    type: string;
    url: string;
    webSocketDebuggerUrl?: string;
  }
  interface Endpoint {
    host?: string;
    port?: number;
  }
  interface Options extends Endpoint {
    target?: string | ((targets: Target[]) => Target);
    local?: boolean;
  }
  interface Client {
    send(method: string, params?: Record<string, unknown>): Promise<unknown>;
    on(event: 'disconnect', listener: () => void): void;
    close(): Promise<void>;
  }
  function CDP(options?: Options): Promise<Client>;
  namespace CDP {
    export type { Client, Target };
    export function List(options?: Endpoint): Promise<Target[]>;
    export function Version(options?: Endpoint): Promise<Record<string, string>>;
  }
  export default CDP;
}
