// `attempt 2/3` fits a live line; `attempt 2 of 3` reads better in a log. Without a known maximum,
// just `attempt 2`.
export function attemptLabel({
  attempt,
  maxAttempts,
  style,
}: {
  attempt: number;
  maxAttempts: number | undefined;
  style: "short" | "long";
}): string {
  if (maxAttempts === undefined) return `attempt ${attempt}`;
  return style === "short"
    ? `attempt ${attempt}/${maxAttempts}`
    : `attempt ${attempt} of ${maxAttempts}`;
}
