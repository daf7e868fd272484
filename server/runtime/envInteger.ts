/** Integer environment variables, validated where they enter. */

/**
 * The integer in `value`, or `fallback` when it is unset or empty; throws naming the variable, the
 * range (and its unit, if any) and what arrived.
 */
export function readInteger(name: string, value: string | undefined, fallback: number, min: number, max: number, unit = ''): number {
  if (value === undefined || value.trim() === '') return fallback;
  const number = Number(value);
  if (!Number.isInteger(number) || number < min || number > max) {
    throw new Error(`${name} expects an integer from ${min} to ${max}${unit ? ` ${unit}` : ''}, but got ${JSON.stringify(value)}.`);
  }
  return number;
}
