// One job's error must fit on its own line; the full text is in its log and the run report.
export function firstLine(text: string | undefined): string | undefined {
  const line = text?.split(/\r?\n/, 1)[0]?.trim();
  return line === "" ? undefined : line;
}
