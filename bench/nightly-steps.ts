// The nightly runs `npm run bench:nightly` makes, in order, each with what it changes first and the
// launches and copies issue 11 expects of it. Two AMI lists: one built cell by cell, one by copies.
import { appendFile, readFile } from "node:fs/promises";
import path from "node:path";

export interface NightlyContext {
  project: string;
  /** The AMI list folder of this step's strategy. */
  amiList: string;
  deregister(region: string, imageId: string): Promise<void>;
}

export interface NightlyStep {
  name: string;
  strategy: "build" | "copy";
  expected: { launches: number; copies: number };
  /** What changes before the run: the account, a script. */
  change?: (context: NightlyContext) => Promise<void>;
}

const GONE_CELL = ["base", "eu-west-1", "pv"] as const;

const touchScript =
  (name: string) =>
  async ({ project }: NightlyContext) => {
    await appendFile(path.join(project, "packer", "scripts", name), "\n# changed for the bench\n");
  };

export const NIGHTLY_STEPS: readonly NightlyStep[] = [
  { name: "(a) fresh AMI list", strategy: "build", expected: { launches: 32, copies: 0 } },
  { name: "(b) again, nothing changed", strategy: "build", expected: { launches: 0, copies: 0 } },
  {
    name: `(c) ${GONE_CELL.join("/")} deregistered`,
    strategy: "build",
    expected: { launches: 1, copies: 0 },
    change: async ({ amiList, deregister }) => {
      const ami = (await readFile(path.join(amiList, ...GONE_CELL), "utf8")).trim();
      await deregister(GONE_CELL[1], ami);
    },
  },
  {
    name: "(d) scripts/spark.sh changed",
    strategy: "build",
    expected: { launches: 16, copies: 0 },
    change: touchScript("spark.sh"),
  },
  {
    name: "(e) scripts/base.sh changed",
    strategy: "build",
    expected: { launches: 32, copies: 0 },
    change: touchScript("base.sh"),
  },
  {
    name: "(f) --strategy copy, fresh list",
    strategy: "copy",
    expected: { launches: 4, copies: 28 },
  },
  {
    name: "(g) --strategy copy, again",
    strategy: "copy",
    expected: { launches: 0, copies: 0 },
  },
];
