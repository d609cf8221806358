import type { Command } from 'commander';

export function registerEmulatorCommand(_program: Command, _setExitCode: (code: number) => void): void {}
