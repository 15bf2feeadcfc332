/** `bifrost admin …`: instance administration from the command line (e.g. create the first user). */
import type { Command } from 'commander';
import type { CliIo } from '../shared.ts';

export function registerAdmin(_program: Command, _io: CliIo): void {}
