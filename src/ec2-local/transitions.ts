// Resources change state by themselves over time (an instance boots, an image finishes); settle applies that.
import type { Instance } from "./model.ts";
import type { RegionState, StateDelays } from "./state.ts";

// What a terminated instance leaves: its delete-on-termination volumes go, the others become free.
function releaseVolumes(options: {
  state: RegionState;
  instance: Instance;
  now: number;
  delays: StateDelays;
}): void {
  const { state, instance, now, delays } = options;
  for (const volumeId of instance.volumeIds) {
    const volume = state.volumes.get(volumeId);
    if (!volume || volume.attachment?.instanceId !== instance.id) continue;
    if (volume.attachment.deleteOnTermination) {
      volume.state = "deleting";
      volume.removeAt = now + delays.volumeDeleteMs;
    } else {
      volume.state = "available";
    }
    volume.attachment = undefined;
  }
}

function settleInstances(options: { state: RegionState; now: number; delays: StateDelays }): void {
  const { state, now } = options;
  for (const instance of state.instances.values()) {
    const transition = instance.transition;
    if (!transition || transition.at > now) continue;
    instance.state = transition.to;
    instance.transition = undefined;
    if (instance.state === "terminated") releaseVolumes({ ...options, instance });
  }
}

function settleImagesAndSnapshots(state: RegionState, now: number): void {
  for (const image of state.images.values()) {
    if (!image.transition || image.transition.at > now) continue;
    image.state = image.transition.to;
    image.transition = undefined;
    if (image.state === "failed") {
      image.stateReason = {
        code: "Server.InternalError",
        message: "Internal error (failure injected by ec2-local)",
      };
    }
  }
  for (const snapshot of state.snapshots.values()) {
    if (!snapshot.transition || snapshot.transition.at > now) continue;
    snapshot.state = snapshot.transition.to;
    snapshot.transition = undefined;
  }
}

function removeDeletedVolumes(state: RegionState, now: number): void {
  for (const [id, volume] of state.volumes) {
    if (volume.removeAt !== undefined && volume.removeAt <= now) state.volumes.delete(id);
  }
}

/** Brings a region up to `now`: every transition that is due has happened. */
export function settleRegion(options: {
  state: RegionState;
  now: number;
  delays: StateDelays;
}): void {
  const { state, now } = options;
  settleInstances(options);
  settleImagesAndSnapshots(state, now);
  removeDeletedVolumes(state, now);
}
