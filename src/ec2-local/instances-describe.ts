// DescribeInstances groups instances by reservation, as EC2 does, after filtering them one by one.
import type { ActionHandler } from "./action-context.ts";
import { applyFilters, type FilterSpec } from "./filters.ts";
import { reservationXml } from "./instance-xml.ts";
import { findInstances } from "./lookups.ts";
import { INSTANCE_STATE_CODES, type Instance } from "./model.ts";
import { paginate } from "./pagination.ts";

const INSTANCE_FILTERS: FilterSpec<Instance> = {
  fields: {
    architecture: (instance) => instance.architecture,
    "availability-zone": (instance) => instance.availabilityZone,
    "client-token": (instance) => instance.clientToken,
    "group-id": (instance) => instance.securityGroupIds,
    "image-id": (instance) => instance.imageId,
    "instance-id": (instance) => instance.id,
    "instance-state-code": (instance) => INSTANCE_STATE_CODES[instance.state],
    "instance-state-name": (instance) => instance.state,
    "instance-type": (instance) => instance.instanceType,
    "instance.group-id": (instance) => instance.securityGroupIds,
    "ip-address": (instance) => instance.publicIp,
    "key-name": (instance) => instance.keyName,
    "launch-index": (instance) => instance.launchIndex,
    "private-ip-address": (instance) => instance.privateIp,
    "reservation-id": (instance) => instance.reservationId,
    "root-device-name": (instance) => instance.rootDeviceName,
    "root-device-type": (instance) => instance.rootDeviceType,
    "subnet-id": (instance) => instance.subnetId,
    "virtualization-type": (instance) => instance.virtualizationType,
    "vpc-id": (instance) => instance.vpcId,
  },
  tags: (instance) => instance.tags,
};

export const describeInstances: ActionHandler = ({ params, state }) => {
  const ids = params.list("InstanceId");
  const candidates = ids.length > 0 ? findInstances(state, ids) : [...state.instances.values()];
  const matching = applyFilters({
    items: candidates,
    filters: params.filters(),
    spec: INSTANCE_FILTERS,
  });
  const reservations = new Map<string, Instance[]>();
  for (const instance of matching) {
    const group = reservations.get(instance.reservationId) ?? [];
    group.push(instance);
    reservations.set(instance.reservationId, group);
  }
  const { page, nextToken } = paginate({ items: [...reservations], params });
  return {
    reservationSet: page.map(([reservationId, instances]) =>
      reservationXml({ reservationId, instances, state }),
    ),
    nextToken,
  };
};
