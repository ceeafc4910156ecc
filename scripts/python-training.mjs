// The training recipe needs Debian's Python with torch, numpy and PIL. When they are missing
// and we are root on Debian/Ubuntu, install them with apt-get; otherwise stop with an instruction.
import { execSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const PACKAGES = 'python3-torch python3-numpy python3-pil libopenblas0-pthread';

function hasModules(python) {
  return existsSync(python) && spawnSync(python, ['-c', 'import torch, numpy, PIL'], { stdio: 'ignore' }).status === 0;
}

/** Returns a Python interpreter that can run training/; PYTHON overrides /usr/bin/python3. */
export function ensurePythonTraining() {
  const python = process.env.PYTHON ?? '/usr/bin/python3';
  if (hasModules(python)) return python;
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (!process.env.PYTHON && isRoot && existsSync('/usr/bin/apt-get')) {
    console.log(`Installing the training recipe's Python packages with apt-get (${PACKAGES})…`);
    execSync(`apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq ${PACKAGES}`, { stdio: 'inherit' });
    if (hasModules(python)) return python;
  }
  console.error(`The training smoke test needs Python 3 with torch, numpy and PIL: install them (Debian/Ubuntu: sudo apt-get install ${PACKAGES}) or set PYTHON.`);
  process.exit(1);
}
