// Pure: the AMI list as a Terraform module. Terraform reads every `*.tf.json` file in a module's folder,
// so `module "amis" { source = "./ami-list" }` gives `module.amis.amis[image][region][virtualization]`
// and `module.amis.cells[path]`. The map holds only what the index's build facts say: a cell without
// them is in `cells` alone, and two cells that claim one image, region and virtualization with
// different AMIs are both left out of the map rather than one picked.
import type { CellBuilds } from "./cell-builds.ts";
import { stableJson } from "./index-format.ts";

/** image → region → virtualization → AMI id. */
export type AmiMap = Record<string, Record<string, Record<string, string>>>;

export function amiMap({
  cells,
  builds,
}: {
  cells: Readonly<Record<string, string>>;
  builds: CellBuilds;
}): AmiMap {
  const claims = new Map<string, { axes: [string, string, string]; amis: Set<string> }>();
  for (const [file, ami] of Object.entries(cells)) {
    const build = builds[file];
    if (build?.ami !== ami) continue;
    const axes: [string, string, string] = [build.image, build.region, build.virtualization];
    const key = JSON.stringify(axes);
    const claim = claims.get(key) ?? { axes, amis: new Set<string>() };
    claim.amis.add(ami);
    claims.set(key, claim);
  }
  const map: AmiMap = {};
  for (const {
    axes: [image, region, virtualization],
    amis,
  } of claims.values()) {
    if (amis.size !== 1) continue;
    const regions = map[image] ?? {};
    const types = regions[region] ?? {};
    types[virtualization] = [...amis][0] as string;
    regions[region] = types;
    map[image] = regions;
  }
  return map;
}

export function formatTerraformOutputs({
  cells,
  builds = {},
}: {
  cells: Readonly<Record<string, string>>;
  builds?: CellBuilds;
}): string {
  const module = {
    "//": "Written by ami-matrix with index.json, from the cell files beside it; do not edit.",
    output: {
      amis: {
        description:
          "AMI ids by image, region and virtualization, for the cells whose build index.json records",
        value: literal(amiMap({ cells, builds })),
      },
      cells: {
        description: "AMI id of every cell of the AMI list, by its path in the folder",
        value: literal(cells),
      },
    },
  };
  return `${stableJson(module, "")}\n`;
}

// Terraform reads every string of a `.tf.json` value, object keys too, as a template: `${` and `%{`
// must be doubled to stay literal.
function literal(value: unknown): unknown {
  if (typeof value === "string")
    return value.replace(/([$%])\{/g, (_, sign: string) => `${sign}${sign}{`);
  if (value === null || typeof value !== "object") return value;
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [literal(k), literal(v)]));
}
