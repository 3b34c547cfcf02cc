// The `reservationSet/item/instancesSet/item` shape that Packer's waiters poll for `instanceState/name`.
import { LOCAL_ACCOUNT_ID } from "./accounts.ts";
import { INSTANCE_STATE_CODES, type Instance, type InstanceStateName } from "./model.ts";
import { internalDomain } from "./regions.ts";
import type { RegionState } from "./state.ts";
import { tagSetXml } from "./tag-helpers.ts";
import type { XmlFields } from "./xml.ts";

export function instanceStateXml(name: InstanceStateName): XmlFields {
  return { code: INSTANCE_STATE_CODES[name], name };
}

function publicDnsName(instance: Instance): string {
  const dashed = instance.publicIp.replaceAll(".", "-");
  const domain =
    instance.region === "us-east-1"
      ? "compute-1.amazonaws.com"
      : `${instance.region}.compute.amazonaws.com`;
  return `ec2-${dashed}.${domain}`;
}

function hasAddresses(instance: Instance): boolean {
  return (
    instance.state === "running" || instance.state === "pending" || instance.state === "stopping"
  );
}

const USER_SHUTDOWN = {
  code: "Client.UserInitiatedShutdown",
  message: "Client.UserInitiatedShutdown: User initiated shutdown",
};

function stateReasonXml(instance: Instance): XmlFields | undefined {
  const shutDown = ["stopping", "stopped", "shutting-down", "terminated"].includes(instance.state);
  return shutDown ? USER_SHUTDOWN : undefined;
}

function instanceXml(instance: Instance, state: RegionState): XmlFields {
  const live = instance.state !== "terminated";
  const volumes = live
    ? instance.volumeIds.flatMap((id) => {
        const volume = state.volumes.get(id);
        return volume?.attachment ? [volume] : [];
      })
    : [];
  const groups = live
    ? instance.securityGroupIds.flatMap((id) => state.securityGroups.get(id) ?? [])
    : [];
  return {
    instanceId: instance.id,
    imageId: instance.imageId,
    instanceState: instanceStateXml(instance.state),
    privateDnsName: live
      ? `ip-${instance.privateIp.replaceAll(".", "-")}.${internalDomain(instance.region)}`
      : "",
    dnsName: hasAddresses(instance) ? publicDnsName(instance) : "",
    reason: instance.stateReason,
    keyName: instance.keyName,
    amiLaunchIndex: instance.launchIndex,
    productCodes: [],
    instanceType: instance.instanceType,
    launchTime: instance.launchTime,
    placement: { availabilityZone: instance.availabilityZone, groupName: "", tenancy: "default" },
    kernelId: instance.kernelId,
    instanceLifecycle: instance.lifecycle,
    spotInstanceRequestId: instance.spotInstanceRequestId,
    monitoring: { state: "disabled" },
    subnetId: live ? instance.subnetId : undefined,
    vpcId: live ? instance.vpcId : undefined,
    privateIpAddress: live ? instance.privateIp : undefined,
    ipAddress: hasAddresses(instance) ? instance.publicIp : undefined,
    sourceDestCheck: live ? true : undefined,
    groupSet: groups.map((group) => ({ groupId: group.id, groupName: group.name })),
    stateReason: stateReasonXml(instance),
    architecture: instance.architecture,
    rootDeviceType: instance.rootDeviceType,
    rootDeviceName: instance.rootDeviceName,
    blockDeviceMapping: volumes.map((volume) => ({
      deviceName: volume.attachment?.device,
      ebs: {
        volumeId: volume.id,
        status: "attached",
        attachTime: volume.attachment?.attachTime,
        deleteOnTermination: volume.attachment?.deleteOnTermination,
      },
    })),
    virtualizationType: instance.virtualizationType,
    clientToken: instance.clientToken ?? "",
    tagSet: instance.tags.size > 0 ? tagSetXml(instance.tags) : undefined,
    hypervisor: "xen",
    ebsOptimized: false,
  };
}

export function reservationXml(options: {
  reservationId: string;
  instances: readonly Instance[];
  state: RegionState;
}): XmlFields {
  const { reservationId, instances, state } = options;
  return {
    reservationId,
    ownerId: LOCAL_ACCOUNT_ID,
    groupSet: [],
    instancesSet: instances.map((instance) => instanceXml(instance, state)),
  };
}
