/// <reference lib="webworker" />
import { checkWhole, type WholeCheck } from '../payload/inspect';

// Classifies whole payloads the page only previewed (over 1 MiB, or nested too deep to parse there):
// full UTF-8 validation and a JSON.parse of 10 MB take hundreds of milliseconds, which is fine here.
declare const self: DedicatedWorkerGlobalScope;

export type CheckRequest = { id: number; buffer: ArrayBuffer };
export type CheckResponse = { id: number; result: WholeCheck };

self.onmessage = (event: MessageEvent<CheckRequest>) => {
  const { id, buffer } = event.data;
  const response: CheckResponse = { id, result: checkWhole(new Uint8Array(buffer)) };
  self.postMessage(response);
};
