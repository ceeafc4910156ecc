import type { OnnxSession } from '../io/backend.js';
import type { GraphValue, IoDtype } from '../io/tensors.js';
import { ModelLoadError } from './errors.js';

/** The inputs and outputs one component graph must have, by name, with the dtypes allowed. */
export interface GraphContract {
  readonly file: string;
  readonly inputs: Readonly<Record<string, readonly IoDtype[]>>;
  readonly outputs: Readonly<Record<string, readonly IoDtype[]>>;
}

const FLOAT: readonly IoDtype[] = ['float32', 'float16'];

/** The diffusers ONNX layout's four graphs, as SD 1.5 / SD-Turbo exports name them. */
export const CONTRACTS = {
  textEncoder: { file: 'text_encoder/model.onnx', inputs: { input_ids: ['int32', 'int64'] }, outputs: { last_hidden_state: FLOAT } },
  unet: {
    file: 'unet/model.onnx',
    inputs: { sample: FLOAT, timestep: ['int64', 'int32', 'float32', 'float16'], encoder_hidden_states: FLOAT },
    outputs: { out_sample: FLOAT },
  },
  vaeDecoder: { file: 'vae_decoder/model.onnx', inputs: { latent_sample: FLOAT }, outputs: { sample: FLOAT } },
  vaeEncoder: { file: 'vae_encoder/model.onnx', inputs: { sample: FLOAT }, outputs: { latent_sample: FLOAT } },
} as const satisfies Record<string, GraphContract>;

/** A component's graph values by name, after the contract check. */
export type CheckedGraph = Readonly<Record<string, GraphValue>>;

/**
 * Compares a session's metadata with the contract: every required input and output present
 * with an allowed dtype, and no input the runtime would not know how to feed.
 */
export function checkGraph(contract: GraphContract, session: OnnxSession): CheckedGraph {
  const checked: Record<string, GraphValue> = {};
  const check = (kind: 'input' | 'output', values: readonly GraphValue[], wanted: GraphContract['inputs']) => {
    for (const [name, dtypes] of Object.entries(wanted)) {
      const value = values.find((v) => v.name === name);
      if (!value) {
        const have = values.map((v) => v.name).join(', ');
        throw new ModelLoadError(`${contract.file}:${name}`, `the graph has no ${kind} named "${name}" (its ${kind}s: ${have})`);
      }
      if (!(dtypes as readonly string[]).includes(value.dtype)) {
        throw new ModelLoadError(`${contract.file}:${name}`, `${kind} "${name}" is ${value.dtype}; expected ${dtypes.join(' or ')}`);
      }
      checked[name] = value;
    }
  };
  check('input', session.inputs, contract.inputs);
  check('output', session.outputs, contract.outputs);
  const unknown = session.inputs.filter((v) => !(v.name in contract.inputs));
  if (unknown.length > 0) {
    throw new ModelLoadError(
      `${contract.file}:${unknown[0]!.name}`,
      `the graph needs input "${unknown[0]!.name}", which an SD 1.x/2.x pipeline does not provide`,
    );
  }
  return checked;
}
