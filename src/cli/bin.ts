#!/usr/bin/env node
/**
 * The `latent-explorables` executable (package.json `bin`, built to `dist/cli.js`). Only this
 * file starts the CLI: importing or bundling `main.ts` or the `node` entry never does, so a
 * program that bundles `runCli` keeps its own command line.
 */
import { runAsProgram } from './main.js';

void runAsProgram();
