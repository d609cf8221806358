import type { Command } from 'commander';

export function registerValidateCommand(_program: Command, _setExitCode: (code: number) => void): void {}
