// Packer creates a temporary key pair per build; a key left behind is a leak the tests look for.
import { type ActionHandler, isoTime } from "./action-context.ts";
import { Ec2Error } from "./ec2-error.ts";
import { applyFilters, type FilterSpec } from "./filters.ts";
import type { KeyPair } from "./model.ts";
import { newTags, tagSetXml, tagsFromSpecifications } from "./tag-helpers.ts";

const KEY_PAIR_FILTERS: FilterSpec<KeyPair> = {
  fields: {
    "key-name": (key) => key.name,
    "key-pair-id": (key) => key.id,
    fingerprint: (key) => key.fingerprint,
    "key-type": (key) => key.keyType,
  },
  tags: (key) => key.tags,
};

export const createKeyPair: ActionHandler = async ({ params, state, now, keyMaterial }) => {
  const name = params.required("KeyName");
  if (state.keyPairs.has(name)) {
    throw new Ec2Error("InvalidKeyPair.Duplicate", `The keypair '${name}' already exists.`);
  }
  const keyType = params.get("KeyType") ?? "rsa";
  if (keyType !== "rsa") {
    throw new Ec2Error(
      "InvalidParameterValue",
      `ec2-local creates rsa key pairs only, not '${keyType}'`,
    );
  }
  const tags = newTags(
    tagsFromSpecifications({ params, resourceType: "key-pair", allowedTypes: ["key-pair"] }),
  );
  const { material, fingerprint } = await keyMaterial();
  // Another request may have taken the name while the key was being generated.
  if (state.keyPairs.has(name)) {
    throw new Ec2Error("InvalidKeyPair.Duplicate", `The keypair '${name}' already exists.`);
  }
  const key: KeyPair = {
    id: state.ids.next("key"),
    region: state.region,
    name,
    fingerprint,
    keyType,
    createTime: isoTime(now),
    tags,
  };
  state.keyPairs.set(name, key);
  return {
    keyName: name,
    keyFingerprint: fingerprint,
    keyMaterial: material,
    keyPairId: key.id,
    tagSet: tags.size > 0 ? tagSetXml(tags) : undefined,
  };
};

export const describeKeyPairs: ActionHandler = ({ params, state }) => {
  const names = params.list("KeyName");
  const ids = params.list("KeyPairId");
  const all = [...state.keyPairs.values()];
  const missing = [
    ...names.filter((name) => !state.keyPairs.has(name)),
    ...ids.filter((id) => !all.some((key) => key.id === id)),
  ];
  if (missing.length > 0) {
    throw new Ec2Error(
      "InvalidKeyPair.NotFound",
      `The key pair '${missing.join(", ")}' does not exist`,
    );
  }
  const requested =
    names.length + ids.length > 0
      ? all.filter((key) => names.includes(key.name) || ids.includes(key.id))
      : all;
  const matching = applyFilters({
    items: requested,
    filters: params.filters(),
    spec: KEY_PAIR_FILTERS,
  });
  return {
    keySet: matching.map((key) => ({
      keyPairId: key.id,
      keyName: key.name,
      keyFingerprint: key.fingerprint,
      keyType: key.keyType,
      createTime: key.createTime,
      tagSet: key.tags.size > 0 ? tagSetXml(key.tags) : undefined,
    })),
  };
};

// EC2 answers success for a key that does not exist, so cleanup can always call it.
export const deleteKeyPair: ActionHandler = ({ params, state }) => {
  const name = params.get("KeyName");
  const id = params.get("KeyPairId");
  if (name === undefined && id === undefined) {
    throw new Ec2Error("MissingParameter", "Either KeyName or KeyPairId must be given");
  }
  const key = [...state.keyPairs.values()].find(
    (candidate) => candidate.name === name || candidate.id === id,
  );
  if (key) state.keyPairs.delete(key.name);
  return { return: true, keyPairId: key?.id };
};
