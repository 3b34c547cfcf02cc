// What the index says about how each cell's AMI was built: its job, fingerprint and inputs, how long
// it took. A fact describes one AMI: it is kept only while the cell file still names that AMI, so the
// index stays derived from the cells and is never trusted over them.
import type { FingerprintInputs } from "../plan/fingerprint.ts";

export interface CellBuild {
  /** The AMI these facts describe; the cell's own file must name it. */
  ami: string;
  /** The job, `image/region/virtualization`. */
  job: string;
  image: string;
  region: string;
  virtualization: string;
  fingerprint?: string;
  inputs?: FingerprintInputs;
  /** How long the build (or copy) took. */
  durationMs?: number;
}

export type CellBuilds = Record<string, CellBuild>;

// Facts from this run win over the index's; both only for the AMI the cell holds now.
export function keptBuilds({
  cells,
  previous,
  fresh,
}: {
  cells: Readonly<Record<string, string>>;
  previous: CellBuilds;
  fresh: ReadonlyMap<string, CellBuild>;
}): CellBuilds {
  const kept: CellBuilds = {};
  for (const [file, ami] of Object.entries(cells)) {
    const build = [fresh.get(file), previous[file]].find((b) => b?.ami === ami);
    if (build) kept[file] = build;
  }
  return kept;
}

/** The `builds` of an index's text; nothing when it has none or is not an index. */
export function buildsOfIndex(text: string | undefined): CellBuilds {
  if (text === undefined) return {};
  try {
    const builds = (JSON.parse(text) as { builds?: unknown })?.builds;
    if (!builds || typeof builds !== "object" || Array.isArray(builds)) return {};
    return Object.fromEntries(
      Object.entries(builds as Record<string, unknown>).filter(
        ([, b]) => typeof (b as CellBuild | null)?.ami === "string",
      ),
    ) as CellBuilds;
  } catch {
    return {};
  }
}
