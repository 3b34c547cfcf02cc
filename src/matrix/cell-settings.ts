// Settings of one cell, merged from least to most specific: defaults, image, virtualization, region, includes.
import type { Include, Settings } from "./schema.ts";

export interface Cell {
  image: string;
  virtualization: string;
  region: string;
}

export function cellMatches(cell: Cell, selector: Partial<Cell>): boolean {
  return (
    (selector.image === undefined || selector.image === cell.image) &&
    (selector.virtualization === undefined || selector.virtualization === cell.virtualization) &&
    (selector.region === undefined || selector.region === cell.region)
  );
}

export function mergeSettings(layers: readonly (Settings | undefined)[]): Settings {
  const merged: Settings = {};
  for (const layer of layers) {
    if (!layer) continue;
    const { sourceAmi, variables, rootVolume, userVariables, ...rest } = layer;
    Object.assign(merged, rest);
    if (sourceAmi) merged.sourceAmi = { ...merged.sourceAmi, ...sourceAmi };
    if (variables) merged.variables = { ...merged.variables, ...variables };
    // A more specific layer may change the root volume's size alone, or add one variable.
    if (rootVolume) merged.rootVolume = { ...merged.rootVolume, ...rootVolume };
    if (userVariables) merged.userVariables = { ...merged.userVariables, ...userVariables };
  }
  return merged;
}

export function settingsOf(include: Include): Settings {
  const { image: _i, virtualization: _v, region: _r, ...settings } = include;
  return settings;
}
