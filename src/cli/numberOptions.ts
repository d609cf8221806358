import * as l10n from '@vscode/l10n';
import { InvalidArgumentError } from 'commander';

function numberParser(check: (value: number) => boolean, problem: () => string): (raw: string) => number {
  return (raw) => {
    const value = Number(raw);
    if (raw.trim() === '' || !Number.isFinite(value) || !check(value)) throw new InvalidArgumentError(problem());
    return value;
  };
}

/** Commander parsers for numeric options: a bad value is a usage error naming the option. */
export const nonNegativeInteger = (name: string) => numberParser((value) => Number.isInteger(value) && value >= 0, () => l10n.t('{0} must be an integer ≥ 0.', name));
export const positiveInteger = (name: string) => numberParser((value) => Number.isInteger(value) && value > 0, () => l10n.t('{0} must be an integer > 0.', name));
export const positive = (name: string) => numberParser((value) => value > 0, () => l10n.t('{0} must be a number > 0.', name));
export const fraction = (name: string) => numberParser((value) => value >= 0 && value <= 1, () => l10n.t('{0} must be a number from 0 to 1.', name));
