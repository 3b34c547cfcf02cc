// Launch templates: what Packer's Spot builds launch from (CreateLaunchTemplate, then CreateFleet, then
// DeleteLaunchTemplate in its cleanup). A template a killed build leaves is a leak the tests look for.
import { LOCAL_ACCOUNT_ID } from "./accounts.ts";
import { type ActionHandler, isoTime } from "./action-context.ts";
import { Ec2Error, invalidParameterValue, missingParameter } from "./ec2-error.ts";
import { applyFilters, type FilterSpec } from "./filters.ts";
import type { LaunchTemplate } from "./model.ts";
import { paginate } from "./pagination.ts";
import type { QueryParams } from "./query-params.ts";
import type { RegionState } from "./state.ts";
import { newTags, tagSetXml, tagsFromSpecifications } from "./tag-helpers.ts";
import type { XmlFields } from "./xml.ts";

const NAME = /^[a-zA-Z0-9().\-/_]{3,128}$/;

/** What a template's own TagSpecification may tag at launch. */
export const LAUNCH_TAG_TYPES = [
  "instance",
  "volume",
  "network-interface",
  "spot-instances-request",
];

const TEMPLATE_FILTERS: FilterSpec<LaunchTemplate> = {
  fields: {
    "launch-template-name": (template) => template.name,
    "create-time": (template) => template.createTime,
  },
  tags: (template) => template.tags,
};

function templateXml(template: LaunchTemplate): XmlFields {
  return {
    launchTemplateId: template.id,
    launchTemplateName: template.name,
    createTime: template.createTime,
    createdBy: `arn:aws:iam::${LOCAL_ACCOUNT_ID}:root`,
    defaultVersionNumber: 1,
    latestVersionNumber: 1,
    tagSet: template.tags.size > 0 ? tagSetXml(template.tags) : undefined,
  };
}

function checkData(data: QueryParams): void {
  if (data.isEmpty()) throw missingParameter("LaunchTemplateData");
  for (const specification of data.structs("TagSpecification")) {
    const type = specification.required("ResourceType");
    if (!LAUNCH_TAG_TYPES.includes(type))
      throw invalidParameterValue(
        `'${type}' is not a valid taggable resource type for a launch template's instances.`,
      );
  }
}

export const createLaunchTemplate: ActionHandler = ({ params, state, now }) => {
  const name = params.required("LaunchTemplateName");
  if (!NAME.test(name))
    throw invalidParameterValue(
      `Launch template name '${name}' must be 3 to 128 letters, digits and ( ) . - / _`,
    );
  const data = params.sub("LaunchTemplateData");
  checkData(data);
  if ([...state.launchTemplates.values()].some((template) => template.name === name))
    throw new Ec2Error(
      "InvalidLaunchTemplateName.AlreadyExistsException",
      "Launch template name already in use.",
    );
  const tags = newTags(
    tagsFromSpecifications({
      params,
      resourceType: "launch-template",
      allowedTypes: ["launch-template"],
    }),
  );
  const template: LaunchTemplate = {
    id: state.ids.next("lt"),
    region: state.region,
    name,
    createTime: isoTime(now),
    data: new Map(Object.entries(data.toRecord())),
    tags,
  };
  state.launchTemplates.set(template.id, template);
  return { launchTemplate: templateXml(template) };
};

/** By id or by name, as CreateFleet and DeleteLaunchTemplate name it; EC2's errors for neither. */
export function findLaunchTemplate(
  state: RegionState,
  { id, name }: { id: string | undefined; name: string | undefined },
): LaunchTemplate {
  if (id === undefined && name === undefined)
    throw missingParameter("launchTemplateName or launchTemplateId");
  const template = [...state.launchTemplates.values()].find(
    (candidate) => candidate.id === id || (id === undefined && candidate.name === name),
  );
  if (template) return template;
  if (id !== undefined)
    throw new Ec2Error(
      "InvalidLaunchTemplateId.NotFound",
      `The specified launch template, with template ID ${id}, does not exist.`,
    );
  throw new Ec2Error(
    "InvalidLaunchTemplateName.NotFoundException",
    "At least one of the launch templates specified in the request does not exist.",
  );
}

export const deleteLaunchTemplate: ActionHandler = ({ params, state }) => {
  const template = findLaunchTemplate(state, {
    id: params.get("LaunchTemplateId"),
    name: params.get("LaunchTemplateName"),
  });
  state.launchTemplates.delete(template.id);
  return { launchTemplate: templateXml(template) };
};

export const describeLaunchTemplates: ActionHandler = ({ params, state }) => {
  const ids = params.list("LaunchTemplateId");
  const names = params.list("LaunchTemplateName");
  const named = [
    ...ids.map((id) => findLaunchTemplate(state, { id, name: undefined })),
    ...names.map((name) => findLaunchTemplate(state, { id: undefined, name })),
  ];
  const matching = applyFilters({
    items: named.length > 0 ? named : [...state.launchTemplates.values()],
    filters: params.filters(),
    spec: TEMPLATE_FILTERS,
  });
  const { page, nextToken } = paginate({
    items: matching,
    params,
    limits: { min: 1, max: 200, default: 200 },
  });
  return { launchTemplates: page.map(templateXml), nextToken };
};
