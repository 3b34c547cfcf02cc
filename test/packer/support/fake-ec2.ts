// Just enough of EC2's query API for real Packer's amazon-ebs builder to finish a build or hit a chosen
// AWS error, offline, so error lines can be recorded from the real thing rather than typed by hand.
import { once } from "node:events";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";

export interface Ec2Fault {
  /** The EC2 action that fails, e.g. `RunInstances`. */
  action: string;
  /** Fail only requests carrying this form field, e.g. `ImageId.1` for the source AMI lookup. */
  onlyWithParam?: string;
  /** An AWS error answer; without it the connection is reset instead. */
  error?: { status: number; code: string; message: string };
}

export interface FakeEc2Options {
  faults?: Ec2Fault[];
  /** The AMI name lookup finds an image, as when the name is taken. */
  amiNameTaken?: boolean;
  /** Instances stay `pending`, so Packer waits until it gives up or is cancelled. */
  instancesNeverSettle?: boolean;
  /** CreateFleet launches nothing and lists this error in its errorSet (HTTP 200), as EC2 does. */
  fleetError?: { code: string; message: string };
}

export interface FakeEc2 {
  endpoint: string;
  actions: string[];
  close(): Promise<void>;
}

const NS = "http://ec2.amazonaws.com/doc/2016-11-15/";

export async function startFakeEc2({
  faults = [],
  amiNameTaken = false,
  instancesNeverSettle = false,
  fleetError,
}: FakeEc2Options = {}): Promise<FakeEc2> {
  const actions: string[] = [];
  const instanceStates = new Map<string, string>();
  let serial = 0;
  const nextId = (prefix: string) =>
    `${prefix}-${(0xabc000 + ++serial).toString(16).padStart(17, "0")}`;

  const server = createServer(async (req, res) => {
    let body = "";
    for await (const chunk of req) body += chunk;
    const form = new URLSearchParams(body);
    const action = form.get("Action") ?? "";
    actions.push(action);
    const fault = faults.find(
      (f) => f.action === action && (!f.onlyWithParam || form.has(f.onlyWithParam)),
    );
    if (fault?.error) {
      const { status, code, message } = fault.error;
      res.writeHead(status, { "content-type": "text/xml" });
      res.end(
        `<?xml version="1.0" encoding="UTF-8"?>\n<Response><Errors><Error><Code>${code}</Code><Message>${message}</Message></Error></Errors><RequestID>${nextId("req")}</RequestID></Response>`,
      );
      return;
    }
    if (fault) {
      req.socket.resetAndDestroy();
      return;
    }
    const inner = answer({
      action,
      form,
      instanceStates: instancesNeverSettle ? new Map() : instanceStates,
      amiNameTaken,
      fleetError,
      nextId,
    });
    res.writeHead(200, { "content-type": "text/xml" });
    res.end(
      `<?xml version="1.0" encoding="UTF-8"?>\n<${action}Response xmlns="${NS}"><requestId>${nextId("req")}</requestId>${inner}</${action}Response>`,
    );
  });
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    actions,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

// The XML body of a successful answer; instances settle at once so waiters finish on the first poll.
function answer({
  action,
  form,
  instanceStates,
  amiNameTaken,
  fleetError,
  nextId,
}: {
  action: string;
  form: URLSearchParams;
  instanceStates: Map<string, string>;
  amiNameTaken: boolean;
  fleetError: FakeEc2Options["fleetError"];
  nextId: (prefix: string) => string;
}): string {
  switch (action) {
    case "DescribeImages": {
      const byName = form.get("Filter.1.Name") === "name";
      if (byName && !amiNameTaken) return "<imagesSet/>";
      const ids = byName
        ? ["ami-0feedfacefeedface"]
        : [...form.entries()].filter(([k]) => k.startsWith("ImageId.")).map(([, v]) => v);
      const items = ids.map(
        (id) =>
          `<item><imageId>${id}</imageId><imageState>available</imageState><name>${id}</name><rootDeviceType>ebs</rootDeviceType><rootDeviceName>/dev/xvda</rootDeviceName><blockDeviceMapping><item><deviceName>/dev/xvda</deviceName><ebs><snapshotId>snap-0123456789abcdef0</snapshotId></ebs></item></blockDeviceMapping></item>`,
      );
      return `<imagesSet>${items.join("")}</imagesSet>`;
    }
    case "CreateKeyPair":
      return `<keyName>${form.get("KeyName")}</keyName><keyFingerprint>00</keyFingerprint><keyMaterial>none</keyMaterial>`;
    case "CreateSecurityGroup":
      return `<groupId>${nextId("sg")}</groupId>`;
    case "DescribeSecurityGroups":
      return `<securityGroupInfo><item><groupId>${form.get("GroupId.1") ?? "sg-1"}</groupId></item></securityGroupInfo>`;
    case "RunInstances": {
      const id = nextId("i");
      instanceStates.set(id, "running");
      return `<instancesSet><item><instanceId>${id}</instanceId><instanceState><name>pending</name></instanceState></item></instancesSet>`;
    }
    case "StopInstances":
    case "TerminateInstances": {
      const id = form.get("InstanceId.1") ?? "";
      instanceStates.set(id, action === "StopInstances" ? "stopped" : "terminated");
      return `<instancesSet><item><instanceId>${id}</instanceId></item></instancesSet>`;
    }
    case "DescribeInstances": {
      const id = form.get("InstanceId.1") ?? "";
      const state = instanceStates.get(id) ?? "pending";
      const items = [
        `<item><instanceId>${id}</instanceId><instanceState><name>${state}</name></instanceState><ipAddress>127.0.0.1</ipAddress><privateIpAddress>127.0.0.1</privateIpAddress></item>`,
      ];
      return `<reservationSet><item><instancesSet>${items.join("")}</instancesSet></item></reservationSet>`;
    }
    case "CreateImage":
    case "CopyImage":
      return `<imageId>${nextId("ami")}</imageId>`;
    case "DescribeVolumes":
      return "<volumeSet/>";
    case "CreateLaunchTemplate":
      return `<launchTemplate><launchTemplateId>${nextId("lt")}</launchTemplateId><launchTemplateName>${form.get("LaunchTemplateName")}</launchTemplateName></launchTemplate>`;
    case "CreateFleet": {
      const fleet = `<fleetId>fleet-0b5d1f2e-4c3a-4f6b-9a8e-7d6c5b4a3f21</fleetId>`;
      if (fleetError)
        return `${fleet}<errorSet><item><errorCode>${fleetError.code}</errorCode><errorMessage>${fleetError.message}</errorMessage><lifecycle>spot</lifecycle></item></errorSet><fleetInstanceSet/>`;
      const id = nextId("i");
      instanceStates.set(id, "running");
      return `${fleet}<fleetInstanceSet><item><instanceIds><item>${id}</item></instanceIds><lifecycle>spot</lifecycle></item></fleetInstanceSet>`;
    }
    default:
      return "<return>true</return>";
  }
}
