// Stop, start and terminate move instances into transitional states that settle by themselves.
import { type ActionContext, type ActionHandler, isoTime } from "./action-context.ts";
import { Ec2Error, missingParameter } from "./ec2-error.ts";
import { instanceStateXml } from "./instance-xml.ts";
import { findInstances } from "./lookups.ts";
import type { Instance, InstanceStateName } from "./model.ts";
import { closeSpotRequest, refuseSpotStop } from "./spot-requests.ts";

interface Move {
  /** States from which the call starts a transition: from → [transitional state, final state]. */
  starts: Partial<Record<InstanceStateName, [InstanceStateName, InstanceStateName]>>;
  /** States in which the call does nothing. */
  unchanged: readonly InstanceStateName[];
  verb: string;
}

const STOP: Move = {
  starts: { running: ["stopping", "stopped"] },
  unchanged: ["stopping", "stopped"],
  verb: "stopped",
};

const START: Move = {
  starts: { stopped: ["pending", "running"] },
  unchanged: ["pending", "running"],
  verb: "started",
};

const TERMINATE: Move = {
  starts: {
    pending: ["shutting-down", "terminated"],
    running: ["shutting-down", "terminated"],
    stopping: ["shutting-down", "terminated"],
    stopped: ["shutting-down", "terminated"],
  },
  unchanged: ["shutting-down", "terminated"],
  verb: "terminated",
};

// All instances are checked before any changes, so one bad id or state changes nothing.
function moveInstances(context: ActionContext, move: Move) {
  const { params, state, now, delays } = context;
  const ids = params.list("InstanceId");
  if (ids.length === 0) throw missingParameter("InstanceId");
  const instances = findInstances(state, ids);
  for (const instance of instances) {
    if (!move.starts[instance.state] && !move.unchanged.includes(instance.state)) {
      throw new Ec2Error(
        "IncorrectInstanceState",
        `The instance '${instance.id}' is not in a state from which it can be ${move.verb}.`,
      );
    }
    if (move === STOP) refuseSpotStop(instance);
  }
  return {
    instancesSet: instances.map((instance: Instance) => {
      const previous = instance.state;
      const path = move.starts[previous];
      if (path) {
        instance.state = path[0];
        instance.transition = { at: now + delays.instanceMs, to: path[1] };
        instance.stateReason = move === START ? "" : `User initiated (${isoTime(now)})`;
        if (move === TERMINATE) closeSpotRequest(state, instance);
      }
      return {
        instanceId: instance.id,
        currentState: instanceStateXml(instance.state),
        previousState: instanceStateXml(previous),
      };
    }),
  };
}

export const stopInstances: ActionHandler = (context) => moveInstances(context, STOP);
export const startInstances: ActionHandler = (context) => moveInstances(context, START);
export const terminateInstances: ActionHandler = (context) => moveInstances(context, TERMINATE);
