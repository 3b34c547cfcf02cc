// Tags arrive on create calls (TagSpecification) and CreateTags alike, and render the same everywhere.
import { Ec2Error, invalidParameterValue } from "./ec2-error.ts";
import type { Tags } from "./model.ts";
import type { QueryParams, TagInput } from "./query-params.ts";
import type { XmlFields } from "./xml.ts";

const MAX_TAGS = 50;

export function tagSetXml(tags: Tags): XmlFields[] {
  return [...tags].map(([key, value]) => ({ key, value }));
}

export function applyTags(options: { tags: Tags; inputs: readonly TagInput[] }): void {
  const { tags, inputs } = options;
  for (const { key } of inputs) {
    if (key.toLowerCase().startsWith("aws:")) {
      throw invalidParameterValue(`Tag keys starting with 'aws:' are reserved: '${key}'`);
    }
  }
  const merged = new Map(tags);
  for (const { key, value } of inputs) merged.set(key, value ?? "");
  if (merged.size > MAX_TAGS) {
    throw new Ec2Error("TagLimitExceeded", `A resource can have at most ${MAX_TAGS} tags`);
  }
  for (const { key, value } of inputs) tags.set(key, value ?? "");
}

/** Tags from `TagSpecification.N` for one resource type; unsupported types are an error, as in EC2. */
export function tagsFromSpecifications(options: {
  params: QueryParams;
  resourceType: string;
  allowedTypes: readonly string[];
}): TagInput[] {
  const { params, resourceType, allowedTypes } = options;
  const tags: TagInput[] = [];
  for (const specification of params.structs("TagSpecification")) {
    const type = specification.required("ResourceType");
    if (!allowedTypes.includes(type)) {
      throw invalidParameterValue(
        `'${type}' is not a valid taggable resource type for this operation.`,
      );
    }
    if (type === resourceType) tags.push(...specification.tags("Tag"));
  }
  return tags;
}

export function newTags(inputs: readonly TagInput[]): Tags {
  const tags: Tags = new Map();
  applyTags({ tags, inputs });
  return tags;
}
