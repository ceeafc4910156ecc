/**
 * Messages between the page's worker backend (`worker-backend.ts`) and the worker that owns the
 * onnxruntime sessions (`ort-session.worker.ts`). Every request carries an `id`; the worker
 * answers each with exactly one reply of the same `id`. Model bytes and outputs travel as
 * transferables; feeds are copied (the pipeline reuses some of them every step).
 */
import type { ExecutionProvider, ExternalDataFile } from '../backend.js';
import type { OrtWebSettings } from '../ort-web-realm.js';
import type { GraphValue, IoTensor } from '../tensors.js';
import type { RpcReply } from '../../../worker-rpc.js';

/** Page → worker. */
export type OrtWorkerRequest =
  /** Configures onnxruntime in the worker and asks which providers it can use there. */
  | { readonly type: 'init'; readonly id: number; readonly settings: OrtWebSettings }
  | {
      readonly type: 'create';
      readonly id: number;
      readonly model: Uint8Array;
      readonly label: string;
      /** Providers the page's backend allows here, best first. */
      readonly available: readonly ExecutionProvider[];
      readonly providers?: readonly ExecutionProvider[];
      readonly externalData?: readonly ExternalDataFile[];
    }
  | { readonly type: 'run'; readonly id: number; readonly session: number; readonly feeds: Readonly<Record<string, IoTensor>>; readonly outputs?: readonly string[] }
  | { readonly type: 'release'; readonly id: number; readonly session: number };

/** A session as the worker reports it once created. */
export interface CreatedSession {
  /** The worker's handle for later `run` and `release` requests. */
  readonly session: number;
  readonly inputs: readonly GraphValue[];
  readonly outputs: readonly GraphValue[];
  readonly provider: ExecutionProvider;
}

/** Worker → page. */
export type OrtWorkerReply =
  | { readonly type: 'ready'; readonly id: number; readonly providers: readonly ExecutionProvider[] }
  | ({ readonly type: 'created'; readonly id: number } & CreatedSession)
  | { readonly type: 'ran'; readonly id: number; readonly outputs: Record<string, IoTensor> }
  | { readonly type: 'released'; readonly id: number }
  /** The request failed; the page rebuilds the error's class (`fromWire`). */
  | RpcReply;

/** The worker's name; onnxruntime's own thread workers are named `em-pthread…`. */
export const ORT_WORKER_NAME = 'lx-ort-sessions';
