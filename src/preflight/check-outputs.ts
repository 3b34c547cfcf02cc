// The places a run writes (the AMI list, the report) are checked before anything is spent.
import { writableLocationProblem } from "./writable-location.ts";

export interface OutputPlace {
  target: string;
  kind: "folder" | "file";
  /** The flag that names it, for the message. */
  flag: string;
}

export async function checkOutputs(places: readonly OutputPlace[]): Promise<string[]> {
  const problems = await Promise.all(places.map((place) => writableLocationProblem(place)));
  return problems.filter((p) => p !== undefined);
}
