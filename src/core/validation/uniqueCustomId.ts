/**
 * The first of `base-2`, `base-3`, … that `isTaken` rejects, so a duplicated `custom_id` becomes unique
 * without colliding with an id already in the file (or one handed out earlier in the same fix-all).
 */
export function nextFreeCustomId(base: string, isTaken: (id: string) => boolean): string {
  for (let suffix = 2; ; suffix++) {
    const candidate = `${base}-${suffix}`;
    if (!isTaken(candidate)) return candidate;
  }
}
