import { InvalidArgumentError } from 'commander';

function numberParser(name: string, check: (value: number) => boolean, expected: string): (raw: string) => number {
  return (raw) => {
    const value = Number(raw);
    if (raw.trim() === '' || !Number.isFinite(value) || !check(value)) throw new InvalidArgumentError(`${name} must be ${expected}.`);
    return value;
  };
}

/** Commander parsers for numeric options: a bad value is a usage error naming the option. */
export const nonNegativeInteger = (name: string) => numberParser(name, (value) => Number.isInteger(value) && value >= 0, 'an integer ≥ 0');
export const positiveInteger = (name: string) => numberParser(name, (value) => Number.isInteger(value) && value > 0, 'an integer > 0');
export const positive = (name: string) => numberParser(name, (value) => value > 0, 'a number > 0');
export const fraction = (name: string) => numberParser(name, (value) => value >= 0 && value <= 1, 'a number from 0 to 1');
