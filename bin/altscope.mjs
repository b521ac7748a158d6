#!/usr/bin/env node
// Runs the TypeScript CLI through tsx's loader, so `npx altscope` works after a plain `npm install`.
import { register } from 'tsx/esm/api';

register();
const { runMain, nodeIo } = await import('../src/cli/main.ts');
process.exitCode = await runMain(process.argv.slice(2), nodeIo);
