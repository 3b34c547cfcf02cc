// Packer tags the AMI and its snapshots in every region; these calls are how it does so.
import type { ActionHandler } from "./action-context.ts";
import { missingParameter } from "./ec2-error.ts";
import { applyFilters, type FilterSpec } from "./filters.ts";
import { paginate } from "./pagination.ts";
import { applyTags } from "./tag-helpers.ts";
import { allTaggable, findTaggable } from "./taggable-resources.ts";

type TagRow = {
  resourceId: string;
  resourceType: string;
  key: string;
  value: string;
};

const TAG_FILTERS: FilterSpec<TagRow> = {
  fields: {
    key: (row) => row.key,
    value: (row) => row.value,
    "resource-id": (row) => row.resourceId,
    "resource-type": (row) => row.resourceType,
  },
  tags: (row) => new Map([[row.key, row.value]]),
};

export const createTags: ActionHandler = ({ params, state }) => {
  const ids = params.list("ResourceId");
  if (ids.length === 0) throw missingParameter("ResourceId");
  const inputs = params.tags("Tag");
  if (inputs.length === 0) throw missingParameter("Tag");
  const resources = ids.map((id) => findTaggable(state, id));
  for (const resource of resources) applyTags({ tags: resource.tags, inputs });
  return { return: true };
};

export const deleteTags: ActionHandler = ({ params, state }) => {
  const ids = params.list("ResourceId");
  if (ids.length === 0) throw missingParameter("ResourceId");
  const inputs = params.tags("Tag");
  for (const resource of ids.map((id) => findTaggable(state, id))) {
    if (inputs.length === 0) resource.tags.clear();
    for (const { key, value } of inputs) {
      if (value === undefined || resource.tags.get(key) === value) resource.tags.delete(key);
    }
  }
  return { return: true };
};

export const describeTags: ActionHandler = ({ params, state }) => {
  const rows: TagRow[] = allTaggable(state).flatMap((resource) =>
    [...resource.tags].map(([key, value]) => ({
      resourceId: resource.id,
      resourceType: resource.resourceType,
      key,
      value,
    })),
  );
  const matching = applyFilters({ items: rows, filters: params.filters(), spec: TAG_FILTERS });
  const { page, nextToken } = paginate({ items: matching, params });
  return { tagSet: page, nextToken };
};
