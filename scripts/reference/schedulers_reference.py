#!/usr/bin/python3
"""Reference trajectories of diffusers' schedulers, for the TypeScript parity tests.

    /usr/bin/python3 scripts/reference/schedulers_reference.py <diffusers checkout> [out.json]

<diffusers checkout> is a clone of github.com/huggingface/diffusers (a work tree, or a bare git
directory read with `git show HEAD:...`). diffusers' package pulls in half of the Hugging Face
stack, so this script copies only the six scheduler modules into a temporary package and gives
them minimal stand-ins for the few helpers they import (config registration, output dataclass,
randn_tensor, logging). No diffusers code is kept in this repository.

Every case runs a full sampling loop with a deterministic toy model (see `toy_model`, mirrored in
test/fixtures/schedulers/reference.ts), seeded the way diffusers pipelines do it: one CPU
`torch.Generator().manual_seed(seed)` draws the initial latents and is then passed to every
`scheduler.step(..., generator=g)`. Every noise draw a scheduler makes is recorded too, so the
TypeScript test can replay it without a torch-compatible generator. Float32 tensors are stored
as base64 of their little-endian bytes (exact and compact).
"""
import base64
import importlib
import inspect
import json
import os
import subprocess
import sys
import tempfile

import numpy as np
import torch

SCHEDULER_MODULES = {
    'DDPMScheduler': 'scheduling_ddpm',
    'DDIMScheduler': 'scheduling_ddim',
    'EulerDiscreteScheduler': 'scheduling_euler_discrete',
    'EulerAncestralDiscreteScheduler': 'scheduling_euler_ancestral_discrete',
    'DPMSolverMultistepScheduler': 'scheduling_dpmsolver_multistep',
    'LCMScheduler': 'scheduling_lcm',
}

# --- stand-ins for the diffusers helpers the scheduler modules import -----------------------

CONFIGURATION_UTILS = '''
import functools, inspect

class _Config(dict):
    """Attribute access over the registered init arguments, as diffusers' FrozenDict gives."""
    def __getattr__(self, name):
        try:
            return self[name]
        except KeyError as error:
            raise AttributeError(name) from error
    def __setattr__(self, name, value):
        self[name] = value

class ConfigMixin:
    def register_to_config(self, **kwargs):
        if not hasattr(self, '_internal_dict'):
            self._internal_dict = _Config()
        self._internal_dict.update(kwargs)

    @property
    def config(self):
        return self._internal_dict

def register_to_config(init):
    @functools.wraps(init)
    def wrapper(self, *args, **kwargs):
        bound = inspect.signature(init).bind(self, *args, **kwargs)
        bound.apply_defaults()
        values = dict(bound.arguments)
        values.pop('self')
        self.register_to_config(**values)
        init(self, *args, **kwargs)
    return wrapper
'''

UTILS_INIT = '''
import logging as _logging

class BaseOutput:
    pass

def is_scipy_available():
    return False

def deprecate(*args, **kwargs):
    pass

class logging:
    @staticmethod
    def get_logger(name):
        return _logging.getLogger(name)
'''

TORCH_UTILS = '''
import torch

NOISE_DRAWS = []

def randn_tensor(shape, generator=None, device=None, dtype=None, layout=None):
    # CPU generator, single tensor: what diffusers' randn_tensor reduces to on CPU.
    noise = torch.randn(shape, generator=generator, dtype=dtype)
    NOISE_DRAWS.append(noise.clone())
    return noise
'''

SCHEDULING_UTILS = '''
from dataclasses import dataclass
from enum import Enum
import torch

class KarrasDiffusionSchedulers(Enum):
    DDIMScheduler = 1
    DDPMScheduler = 2
    PNDMScheduler = 3
    LMSDiscreteScheduler = 4
    EulerDiscreteScheduler = 5
    HeunDiscreteScheduler = 6
    EulerAncestralDiscreteScheduler = 7
    DPMSolverMultistepScheduler = 8
    DPMSolverSinglestepScheduler = 9
    KDPM2DiscreteScheduler = 10
    KDPM2AncestralDiscreteScheduler = 11
    DEISMultistepScheduler = 12
    UniPCMultistepScheduler = 13
    DPMSolverSDEScheduler = 14
    EDMEulerScheduler = 15

@dataclass
class SchedulerOutput:
    prev_sample: torch.Tensor

class SchedulerMixin:
    pass
'''


def read_source(diffusers_dir, relative_path):
    """A file of the diffusers checkout: from its work tree, else from git HEAD."""
    on_disk = os.path.join(diffusers_dir, relative_path)
    if os.path.exists(on_disk):
        with open(on_disk, encoding='utf-8') as handle:
            return handle.read()
    return subprocess.run(['git', '-C', diffusers_dir, 'show', f'HEAD:{relative_path}'],
                          check=True, capture_output=True, text=True).stdout


def load_schedulers(diffusers_dir):
    """Imports the six scheduler classes from a temporary package built around them."""
    root = tempfile.mkdtemp(prefix='diffusers-schedulers-')
    files = {
        'diffusers/__init__.py': '',
        'diffusers/configuration_utils.py': CONFIGURATION_UTILS,
        'diffusers/utils/__init__.py': UTILS_INIT,
        'diffusers/utils/torch_utils.py': TORCH_UTILS,
        'diffusers/schedulers/__init__.py': '',
        'diffusers/schedulers/scheduling_utils.py': SCHEDULING_UTILS,
    }
    for module in SCHEDULER_MODULES.values():
        files[f'diffusers/schedulers/{module}.py'] = read_source(
            diffusers_dir, f'src/diffusers/schedulers/{module}.py')
    for path, text in files.items():
        os.makedirs(os.path.dirname(os.path.join(root, path)), exist_ok=True)
        with open(os.path.join(root, path), 'w', encoding='utf-8') as handle:
            handle.write(text)
    sys.path.insert(0, root)
    classes = {name: getattr(importlib.import_module(f'diffusers.schedulers.{module}'), name)
               for name, module in SCHEDULER_MODULES.items()}
    draws = importlib.import_module('diffusers.utils.torch_utils').NOISE_DRAWS
    return classes, draws


# --- the toy model and the cases ---------------------------------------------------------------

def toy_model(sample, timestep):
    """A fixed smooth function of (sample, t), computed in float64 then rounded to float32."""
    x = sample.detach().double().numpy().reshape(-1)
    index = np.arange(x.size, dtype=np.float64)
    out = np.tanh(0.7 * x - 0.3 * x[::-1] + 0.2 * np.cos(0.01 * float(timestep) + 0.37 * index))
    return torch.from_numpy(out.astype(np.float32).reshape(sample.shape))


def b64(tensor):
    array = tensor.detach().to(torch.float32).contiguous().numpy().astype('<f4')
    return base64.b64encode(array.tobytes()).decode('ascii')


SD15 = {  # stable-diffusion-v1-5's scheduler_config.json
    '_class_name': 'PNDMScheduler', '_diffusers_version': '0.6.0', 'beta_end': 0.012,
    'beta_schedule': 'scaled_linear', 'beta_start': 0.00085, 'num_train_timesteps': 1000,
    'set_alpha_to_one': False, 'skip_prk_steps': True, 'steps_offset': 1, 'trained_betas': None,
    'clip_sample': False,
}
SD_TURBO = {  # sd-turbo's scheduler_config.json
    '_class_name': 'EulerDiscreteScheduler', '_diffusers_version': '0.24.0.dev0',
    'beta_end': 0.012, 'beta_schedule': 'scaled_linear', 'beta_start': 0.00085,
    'clip_sample': False, 'interpolation_type': 'linear', 'num_train_timesteps': 1000,
    'prediction_type': 'epsilon', 'sample_max_value': 1.0, 'set_alpha_to_one': False,
    'skip_prk_steps': True, 'steps_offset': 1, 'timestep_spacing': 'trailing',
    'timestep_type': 'discrete', 'trained_betas': None, 'use_karras_sigmas': False,
}
SCALED = {'beta_schedule': 'scaled_linear', 'beta_start': 0.00085, 'beta_end': 0.012}
COSINE = {'beta_schedule': 'squaredcos_cap_v2'}
ZERO_SNR_V = {**SCALED, 'rescale_betas_zero_snr': True, 'timestep_spacing': 'trailing',
              'prediction_type': 'v_prediction'}


def case(name, class_name, config, steps):
    return {'name': name, 'config': {**config, '_class_name': class_name}, 'steps': steps}


CASES = [
    case('ddpm-linear-defaults', 'DDPMScheduler', {}, [4, 20]),
    case('ddpm-sd15-trailing-v', 'DDPMScheduler',
         {**SD15, 'timestep_spacing': 'trailing', 'prediction_type': 'v_prediction'}, [4]),
    case('ddpm-sd15-leading-uneven', 'DDPMScheduler', SD15, [7]),
    case('ddpm-cosine-linspace-sample-clip2', 'DDPMScheduler',
         {**COSINE, 'timestep_spacing': 'linspace', 'prediction_type': 'sample',
          'clip_sample_range': 2.0}, [4]),
    case('ddpm-zero-snr-v', 'DDPMScheduler', ZERO_SNR_V, [4]),
    case('ddim-sd15', 'DDIMScheduler', SD15, [1, 4, 20, 50]),
    case('ddim-eta1-linear-defaults', 'DDIMScheduler', {'eta': 1.0}, [4, 20]),
    case('ddim-eta0.5-cosine-linspace-sample', 'DDIMScheduler',
         {**COSINE, 'eta': 0.5, 'timestep_spacing': 'linspace', 'prediction_type': 'sample',
          'clip_sample': False}, [10]),
    case('ddim-zero-snr-trailing-v', 'DDIMScheduler', ZERO_SNR_V, [4, 25]),
    case('ddim-trailing-uneven', 'DDIMScheduler',
         {**SCALED, 'timestep_spacing': 'trailing', 'clip_sample': False}, [3, 7]),
    case('ddim-clip1.5-v', 'DDIMScheduler',
         {'prediction_type': 'v_prediction', 'clip_sample_range': 1.5, 'set_alpha_to_one': False},
         [5]),
    case('euler-sd-turbo', 'EulerDiscreteScheduler', SD_TURBO, [1, 4]),
    case('euler-sd15-leading', 'EulerDiscreteScheduler',
         {**SD15, 'timestep_spacing': 'leading'}, [20, 50]),
    case('euler-linear-linspace-v', 'EulerDiscreteScheduler',
         {'prediction_type': 'v_prediction'}, [4, 20]),
    case('euler-karras', 'EulerDiscreteScheduler', {**SCALED, 'use_karras_sigmas': True}, [20]),
    case('euler-karras-sigma-range-trailing', 'EulerDiscreteScheduler',
         {**SCALED, 'use_karras_sigmas': True, 'sigma_min': 0.1, 'sigma_max': 10.0,
          'timestep_spacing': 'trailing'}, [6]),
    case('euler-zero-snr-trailing-v', 'EulerDiscreteScheduler', ZERO_SNR_V, [4]),
    case('euler-cosine-sample', 'EulerDiscreteScheduler',
         {**COSINE, 'prediction_type': 'sample'}, [10]),
    case('euler-a-sd15-leading', 'EulerAncestralDiscreteScheduler',
         {**SD15, 'timestep_spacing': 'leading'}, [4, 20]),
    case('euler-a-linspace-v', 'EulerAncestralDiscreteScheduler',
         {'prediction_type': 'v_prediction'}, [10]),
    case('euler-a-zero-snr-trailing-v', 'EulerAncestralDiscreteScheduler', ZERO_SNR_V, [4]),
    case('dpm-sd15-leading', 'DPMSolverMultistepScheduler',
         {**SD15, 'timestep_spacing': 'leading'}, [1, 4, 20, 50]),
    case('dpm-karras', 'DPMSolverMultistepScheduler', {**SCALED, 'use_karras_sigmas': True},
         [1, 4, 20]),
    case('dpm-karras-cosine', 'DPMSolverMultistepScheduler',
         {**COSINE, 'use_karras_sigmas': True}, [8]),
    case('dpm-cosine-linspace-v', 'DPMSolverMultistepScheduler',
         {**COSINE, 'prediction_type': 'v_prediction'}, [10]),
    case('dpm-zero-snr-trailing-v', 'DPMSolverMultistepScheduler', ZERO_SNR_V, [4]),
    case('dpm-order1-sample', 'DPMSolverMultistepScheduler',
         {**SCALED, 'solver_order': 1, 'prediction_type': 'sample'}, [5]),
    case('dpm-no-lower-order-final', 'DPMSolverMultistepScheduler',
         {**SCALED, 'lower_order_final': False, 'timestep_spacing': 'trailing'}, [8]),
    case('lcm-defaults', 'LCMScheduler', {}, [1, 2, 4, 8]),
    case('lcm-linear-v-clip-25', 'LCMScheduler',
         {'beta_schedule': 'linear', 'beta_start': 0.0001, 'beta_end': 0.02,
          'prediction_type': 'v_prediction', 'clip_sample': True, 'original_inference_steps': 25},
         [4]),
    case('lcm-zero-snr-v', 'LCMScheduler',
         {'rescale_betas_zero_snr': True, 'prediction_type': 'v_prediction'}, [4]),
]

# Our extension: DDIM's eta lives in the config; diffusers takes it as a step() argument.
STEP_ONLY_KEYS = {'eta'}


def init_arguments(scheduler_class, config):
    """What `from_config` passes to the constructor: the keys the class's __init__ takes."""
    accepted = set(inspect.signature(scheduler_class.__init__).parameters) - {'self'}
    return {key: value for key, value in config.items() if key in accepted}


def latent_shape(steps):
    # Long runs use 16 elements (still torch's vectorised normal path, n >= 16) to keep
    # the fixtures small.
    return [1, 4, 2, 2] if steps >= 25 else [1, 4, 4, 4]


def run_case(classes, draws, spec, steps, seed):
    config = spec['config']
    scheduler_class = classes[config['_class_name']]
    scheduler = scheduler_class(**init_arguments(scheduler_class, config))
    scheduler.set_timesteps(steps)
    generator = torch.Generator().manual_seed(seed)
    shape = latent_shape(steps)
    initial_noise = torch.randn(shape, generator=generator, dtype=torch.float32)
    latents = initial_noise * scheduler.init_noise_sigma
    step_kwargs = {'eta': config['eta']} if 'eta' in config else {}
    del draws[:]
    trajectory = []
    for timestep in scheduler.timesteps:
        model_input = scheduler.scale_model_input(latents, timestep)
        model_output = toy_model(model_input, timestep)
        before = len(draws)
        output = scheduler.step(model_output, timestep, latents, generator=generator, **step_kwargs)
        if hasattr(output, 'pred_original_sample'):
            predicted = output.pred_original_sample
        elif hasattr(output, 'denoised'):
            predicted = output.denoised
        else:  # DPM-Solver returns only the sample; x0 is its converted model output
            predicted = scheduler.model_outputs[-1]
        latents = output.prev_sample
        trajectory.append({
            'prevSample': b64(latents),
            'predOriginalSample': b64(predicted),
            'noise': [b64(draw) for draw in draws[before:]],
        })
    sigmas = getattr(scheduler, 'sigmas', None)
    return {
        'steps': steps,
        'seed': seed,
        'shape': shape,
        'timesteps': [float(t) for t in scheduler.timesteps],
        'sigmas': None if sigmas is None or config['_class_name'] in ('DDIMScheduler', 'DDPMScheduler', 'LCMScheduler')
        else [float(s) for s in sigmas],
        'initNoiseSigma': float(scheduler.init_noise_sigma),
        'initialNoise': b64(initial_noise),
        'trajectory': trajectory,
    }


def main():
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    diffusers_dir = sys.argv[1]
    out_path = sys.argv[2] if len(sys.argv) > 2 else 'test/fixtures/schedulers/reference.json'
    classes, draws = load_schedulers(diffusers_dir)
    result = {'torch': torch.__version__, 'numpy': np.__version__, 'schedules': {}, 'cases': []}
    for index, spec in enumerate(CASES):
        config = spec['config']
        scheduler_class = classes[config['_class_name']]
        scheduler = scheduler_class(**init_arguments(scheduler_class, config))
        # Per class too: the σ-space classes floor the last zero-SNR ᾱ at 2^-24.
        schedule_key = json.dumps({k: config.get(k) for k in (
            '_class_name', 'beta_schedule', 'beta_start', 'beta_end', 'rescale_betas_zero_snr',
            'num_train_timesteps')})
        if schedule_key not in result['schedules']:
            result['schedules'][schedule_key] = b64(scheduler.alphas_cumprod)
        runs = [run_case(classes, draws, spec, steps, seed=1000 * index + steps)
                for steps in spec['steps']]
        result['cases'].append({'name': spec['name'], 'config': config,
                                'alphasCumprod': schedule_key, 'runs': runs})
        print(f"{spec['name']}: steps {spec['steps']}", file=sys.stderr)
    os.makedirs(os.path.dirname(out_path) or '.', exist_ok=True)
    with open(out_path, 'w', encoding='utf-8') as handle:
        json.dump(result, handle, separators=(',', ':'))
        handle.write('\n')
    print(f'wrote {out_path} ({os.path.getsize(out_path)} bytes)', file=sys.stderr)


if __name__ == '__main__':
    main()
