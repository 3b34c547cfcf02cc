// What merge takes from each source, whatever its kind: the cells it holds, how their AMIs were built
// where it knows, and the run report it carries (a run folder or a report file).
import type { CellBuilds } from "../ami-list/cell-builds.ts";
import type { SourceReport } from "./read-report.ts";

export type SourceKind = "AMI list" | "run folder" | "report";

export interface MergeSource {
  /** As the user gave it, for messages and the table. */
  name: string;
  kind: SourceKind;
  /** Cell path → AMI id. */
  cells: Record<string, string>;
  builds: CellBuilds;
  report?: SourceReport;
}
