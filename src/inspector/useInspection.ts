import { useEffect, useState } from 'react';
import { type Inspection, inspectPayload, type WholeCheck } from '../payload/inspect';
import type { CheckRequest, CheckResponse } from './check.worker';

// Memoised by payload: selecting a message again (or re-rendering) never decodes it twice, and the
// entries go with the payloads when the ring buffer evicts them.
const inspections = new WeakMap<Uint8Array, Inspection>();
const checks = new WeakMap<Uint8Array, WholeCheck>();

/** The inspection of one payload, computed the first time it is asked for. */
export function inspectionOf(bytes: Uint8Array): Inspection {
  let found = inspections.get(bytes);
  if (!found) {
    found = inspectPayload(bytes);
    inspections.set(bytes, found);
  }
  return found;
}

let worker: Worker | null = null;
let nextId = 1;
const waiting = new Map<number, { resolve: (result: WholeCheck) => void; fallback: Inspection }>();
const inFlight = new WeakMap<Uint8Array, Promise<WholeCheck>>();

/** Without the worker the page's own classification stands, with the reason it is not final. */
function failAll(why: string): void {
  for (const { resolve, fallback } of waiting.values()) {
    resolve({ kind: fallback.kind, error: `Could not check the whole payload: ${why}` });
  }
  waiting.clear();
}

function checker(): Worker {
  if (!worker) {
    worker = new Worker(new URL('./check.worker.ts', import.meta.url), {
      type: 'module',
      name: 'payload-check',
    });
    worker.onmessage = (event: MessageEvent<CheckResponse>) => {
      const { id, result } = event.data;
      waiting.get(id)?.resolve(result);
      waiting.delete(id);
    };
    worker.onerror = (event) => {
      failAll(event.message || 'the worker failed');
      worker?.terminate();
      worker = null;
    };
  }
  return worker;
}

function requestCheck(bytes: Uint8Array): Promise<WholeCheck> {
  const pending = inFlight.get(bytes);
  if (pending) return pending;
  const promise = new Promise<WholeCheck>((resolve) => {
    const id = nextId++;
    waiting.set(id, { resolve, fallback: inspectionOf(bytes) });
    // A copy of just this payload (the entry's bytes are a view into a shared batch buffer), moved.
    const buffer = bytes.slice().buffer;
    const request: CheckRequest = { id, buffer };
    try {
      checker().postMessage(request, [buffer]);
    } catch (e) {
      failAll(e instanceof Error ? e.message : String(e));
    }
  });
  inFlight.set(bytes, promise);
  return promise;
}

/**
 * The whole-payload classification for a payload the page only partly examined, from a worker; undefined
 * while it runs (or when `needed` is false).
 */
export function useWholeCheck(bytes: Uint8Array, needed: boolean): WholeCheck | undefined {
  const [result, setResult] = useState<WholeCheck | undefined>(() => checks.get(bytes));
  useEffect(() => {
    if (!needed || checks.has(bytes)) return;
    let current = true;
    let timer: ReturnType<typeof setTimeout> | undefined;
    // After the inspector has been painted: copying 10 MB for the worker costs 5–40 ms, which must not
    // add to the task that opens the message (an effect of a click runs in that task).
    const frame = requestAnimationFrame(() => {
      timer = setTimeout(() => {
        void requestCheck(bytes).then((r) => {
          checks.set(bytes, r);
          if (current) setResult(r);
        });
      }, 0);
    });
    return () => {
      current = false;
      cancelAnimationFrame(frame);
      clearTimeout(timer);
    };
  }, [bytes, needed]);
  return needed ? (result ?? checks.get(bytes)) : undefined;
}
