#!/usr/bin/env node
// Rewrites the site's reference screenshots (test/fixtures/screenshots/*.png) by running the
// screenshot e2e test in update mode (LX_SCREENSHOTS_ONLY=components,embed for some pages).
// Look at the new images before committing them.
import { spawnSync } from 'node:child_process';

const result = spawnSync('node', ['--import', 'tsx', '--test', '--test-reporter=spec', 'test/node/e2e-screenshots.test.ts'], {
  stdio: 'inherit',
  env: { ...process.env, LX_UPDATE_SCREENSHOTS: '1' },
});
process.exit(result.status ?? 1);
