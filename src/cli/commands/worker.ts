/** `bifrost worker`: run only the token refresh worker (no HTTP server). */
import type { Command } from 'commander';
import type { CliIo } from '../shared.ts';

export function registerWorker(_program: Command, _io: CliIo): void {}
